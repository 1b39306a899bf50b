using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using QualityStream.Worker.Tests.Durability.Harness;

namespace QualityStream.Worker.Tests.Durability.Traffic;

/// <summary>
/// Sends a plan second by second, as live systems would: each batch once its second is over, then a flush, so every
/// record of a second is on the broker before any record of the next is sent and the two topics' timestamps leave one
/// merge order. Each cluster given (a faulted one, a reference's) gets the same records in the same order, so both
/// hold the same partitions and offsets, from a sender of its own: a cluster that stalls (its broker down) holds up
/// only its own traffic, and the reference's stays paced. Idempotent, so a retried send never doubles an input event.
/// </summary>
internal sealed class PacedProducer : IDisposable
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(120);
    private readonly TrafficPlan _plan;
    private readonly InputTopics _topics;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _partitions = new(StringComparer.Ordinal);
    private readonly long[] _produced;
    private readonly IProducer<string, byte[]>[] _producers;

    private PacedProducer(TrafficPlan plan, InputTopics topics, IReadOnlyList<string> bootstrapServers)
    {
        _plan = plan;
        _topics = topics;
        _produced = new long[bootstrapServers.Count];
        _producers = [.. bootstrapServers.Select(b => new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = b,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            // The broker keeps about 5 MB a partition: compressed batches leave room for the whole run.
            CompressionType = CompressionType.Lz4,
        })
            // A broker taken down on purpose would fill the log with every reconnect attempt; sends that fail for good
            // fault Completion, which is what the test reports.
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build())];
        Completion = Task.WhenAll(_producers.Select((p, i) => Task.Factory.StartNew(() => Run(p, i), TaskCreationOptions.LongRunning)));
    }

    /// <summary>Events acknowledged so far by every cluster (the slowest one's count).</summary>
    public long Produced => Enumerable.Range(0, _produced.Length).Min(i => Interlocked.Read(ref _produced[i]));

    /// <summary>Completes once every cluster acknowledged the last batch; faults if a send failed for good.</summary>
    public Task Completion { get; }

    /// <summary>The input partition a buyer's events went to (its partition task), once one was acknowledged.</summary>
    public int? PartitionOf(string buyerId) => _partitions.TryGetValue(buyerId, out var p) ? p : null;

    public static PacedProducer Start(TrafficPlan plan, InputTopics topics, params string[] bootstrapServers) => new(plan, topics, bootstrapServers);

    /// <summary>Waits until at least <paramref name="events"/> are acknowledged everywhere.</summary>
    public Task WaitForAsync(long events, TimeSpan timeout) =>
        Poll.UntilAsync(() => Produced >= events || Completion.IsCompleted, timeout, $"{events} events produced (now {Produced})");

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            Completion.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Its failure was the test's to see through Completion.
        }

        foreach (var producer in _producers)
        {
            producer.Dispose();
        }

        _stop.Dispose();
    }

    private void Run(IProducer<string, byte[]> producer, int index)
    {
        var failures = new ConcurrentQueue<string>();
        foreach (var batch in _plan.Batches)
        {
            // Pacing, not waiting for a condition: a batch is due when its second is over.
            var wait = batch.DueAt - DateTimeOffset.UtcNow;
            if ((wait > TimeSpan.Zero && _stop.Token.WaitHandle.WaitOne(wait)) || _stop.IsCancellationRequested)
            {
                return;
            }

            foreach (var e in batch.Events)
            {
                producer.Produce(_topics.Topic(e.IsDelivery), new Message<string, byte[]>
                {
                    Key = e.BuyerId,
                    Value = Encoding.UTF8.GetBytes(e.Json),
                    Timestamp = new Timestamp(e.Timestamp),
                }, report =>
                {
                    if (report.Error.IsError)
                    {
                        failures.Enqueue($"{report.TopicPartition}: {report.Error.Reason}");
                    }
                    else
                    {
                        _partitions.TryAdd(report.Message.Key, report.Partition.Value);
                    }
                });
            }

            if (producer.Flush(FlushTimeout) > 0)
            {
                throw new TimeoutException($"a batch was not acknowledged by {producer.Name} within {FlushTimeout.TotalSeconds:0} s");
            }

            if (failures.TryPeek(out var failure))
            {
                throw new InvalidOperationException($"an input event could not be produced: {failure}");
            }

            Interlocked.Add(ref _produced[index], batch.Events.Count);
        }
    }
}
