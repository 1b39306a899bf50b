using Confluent.Kafka;
using QualityStream.Worker.Ingestion;

namespace QualityStream.Worker.Tests.Ingestion;

public class HandoverTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void ARequest_RunsOnTheApplyThread_AfterEveryBatchHandedOverBeforeIt()
    {
        using var handover = new Handover();
        var taken = new List<string>();
        var applier = Applier(handover, batch => taken.Add($"batch of {batch.Count}"));
        handover.Submit([Message()]);
        handover.Submit([Message(), Message()]);
        int? requestThread = null;

        handover.Invoke(() =>
        {
            taken.Add("request");
            requestThread = Environment.CurrentManagedThreadId;
        });

        handover.Complete();
        Assert.True(applier.Join(Wait));
        Assert.Equal(["batch of 1", "batch of 2", "request"], taken);
        Assert.Equal(applier.ManagedThreadId, requestThread);
    }

    [Fact]
    public void ARequest_RunsOnTheCaller_OnceTheApplyThreadHasStopped()
    {
        using var handover = new Handover();
        var applier = Applier(handover, _ => { });
        handover.Complete();
        Assert.True(applier.Join(Wait));
        int? requestThread = null;

        handover.Invoke(() => requestThread = Environment.CurrentManagedThreadId);

        Assert.Equal(Environment.CurrentManagedThreadId, requestThread);
    }

    [Fact]
    public void WhatARequestThrows_IsRethrownToItsCaller_AndTheApplyThreadGoesOn()
    {
        using var handover = new Handover();
        var batches = 0;
        var applier = Applier(handover, _ => batches++);

        var thrown = Assert.Throws<KafkaException>(() => handover.Invoke(() => throw new KafkaException(ErrorCode.Local_State)));
        handover.Submit([Message()]);
        handover.Complete();

        Assert.Equal(ErrorCode.Local_State, thrown.Error.Code);
        Assert.True(applier.Join(Wait));
        Assert.Equal(1, batches);
    }

    [Fact]
    public async Task WhenApplyingFails_TheReaderGetsTheFailure_AndAWaitingRequestStillRuns()
    {
        using var handover = new Handover();
        using var failing = new ManualResetEventSlim(false);
        var applier = Applier(handover, _ =>
        {
            failing.Wait(Wait);
            throw new FormatException("bad event");
        });
        handover.Submit([Message()]);
        var ran = false;
        var invoking = Task.Run(() => handover.Invoke(() => ran = true));

        failing.Set();

        await invoking.WaitAsync(Wait);
        Assert.True(ran);
        Assert.True(applier.Join(Wait));
        Assert.Equal("bad event", Assert.Throws<FormatException>(handover.ThrowIfFailed).Message);
        Assert.Equal("bad event", Assert.Throws<FormatException>(() => handover.Submit([Message()])).Message);
    }

    [Fact]
    public async Task TheReader_WaitsWhileTheApplyThreadIsFourBatchesBehind()
    {
        using var handover = new Handover();
        for (var i = 0; i < 4; i++)
        {
            handover.Submit([Message()]);
        }

        var submitted = false;
        var fifth = new Thread(() =>
        {
            handover.Submit([Message()]);
            Volatile.Write(ref submitted, true);
        });
        fifth.Start();

        await Poll.UntilAsync(() => (fifth.ThreadState & ThreadState.WaitSleepJoin) != 0 || Volatile.Read(ref submitted), Wait, "the fifth submit to block");
        Assert.False(Volatile.Read(ref submitted));
        Assert.True(handover.Take(Wait, out var first));
        Assert.NotNull(first);
        Assert.True(fifth.Join(Wait));
        Assert.True(submitted);
    }

    /// <summary>An apply thread as the ingestion service runs it: take until done, fail on what the batch throws.</summary>
    private static Thread Applier(Handover handover, Action<List<Inbound>> apply)
    {
        var thread = new Thread(() =>
        {
            try
            {
                while (handover.Take(TimeSpan.FromMilliseconds(50), out var batch))
                {
                    if (batch is not null)
                    {
                        apply(batch);
                    }
                }
            }
            catch (Exception ex)
            {
                handover.Fail(ex);
            }
        });
        thread.Start();
        return thread;
    }

    private static Inbound Message() => new(new ConsumeResult<byte[], byte[]>
    {
        TopicPartitionOffset = new TopicPartitionOffset("lead-deliveries", 0, 0),
        Message = new Message<byte[], byte[]> { Value = [] },
    }, true, 0, 0);
}
