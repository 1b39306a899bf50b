using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Kafka;
using QualityStream.Worker.Outputs;
using QualityStream.Worker.Pipeline;
using QualityStream.Worker.Telemetry;
using StackExchange.Redis;

namespace QualityStream.Worker.Checkpoints;

/// <summary>
/// Writes each task's checkpoint (periodically, on revoke, on shutdown) and commits the offsets it reflects only once it
/// is written, so the group's committed offsets never run ahead of a durable state; restores tasks on assignment from
/// their checkpoints, replaying from the checkpoint's offsets, not from later committed ones.
/// </summary>
public sealed class TaskCheckpointer(
    QualityPipeline pipeline,
    CheckpointStore store,
    OutputReadBack readBack,
    OutputProducer outputs,
    OutputTopology topology,
    QualityMetrics metrics,
    IOptions<KafkaOptions> kafka,
    ILogger<TaskCheckpointer> logger)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly KafkaTopics _topics = kafka.Value.Topics;
    private readonly ConcurrentQueue<(int Partition, long Delivery, long Feedback)> _written = new();
    // The outputs' marks of the checkpoint each task was restored from: see WriteAll.
    private readonly ConcurrentDictionary<int, IReadOnlyList<OutputMark>> _restoredMarks = new();
    private volatile string? _failing;
    private bool _lostOutputs;

    /// <summary>Why the last checkpoint could not be written, while they cannot.</summary>
    public string? Failing => _failing;

    /// <summary>
    /// Makes the tasks of <paramref name="partitions"/> (their checkpoints, or new ones) and returns where to read each
    /// input partition from. Waits for Redis while it cannot be read: a task restored without its state would forget.
    /// </summary>
    public List<TopicPartitionOffset> Restore(IConsumer<byte[], byte[]> consumer, IReadOnlyCollection<int> partitions, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(partitions);
        var starts = new List<TopicPartitionOffset>();
        foreach (var partition in partitions.Order())
        {
            var task = RestoreOne(consumer, partition, stop);
            starts.Add(new TopicPartitionOffset(_topics.Deliveries, partition, task.NextDelivery));
            starts.Add(new TopicPartitionOffset(_topics.Feedback, partition, task.NextFeedback));
        }

        pipeline.Restored();
        return starts;
    }

    private PartitionTask RestoreOne(IConsumer<byte[], byte[]> consumer, int partition, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var bytes = Retry(() => store.LoadAsync(partition).GetAwaiter().GetResult(), $"loading the checkpoint of p{partition}", stop);
        var hostsSources = QualityPipeline.HostsSources(partition);
        if (hostsSources)
        {
            pipeline.Sources.Clear();
        }

        if (bytes is null)
        {
            var committed = Committed(consumer, partition);
            var fresh = pipeline.NewTask(partition, committed.Delivery, committed.Feedback);
            pipeline.Add(fresh, null, null);
            // Written at once: a task that crashes before its first periodic checkpoint restores from here, with the
            // outputs marked, instead of replaying from the start of its partitions unaware of what it sent.
            WriteAll(consumer, wait: true, [partition]);
            logger.LogInformation("Started p{Partition} afresh at deliveries {Delivery}, feedback {Feedback}", partition, committed.Delivery, committed.Feedback);
            return fresh;
        }

        var loaded = Stopwatch.GetTimestamp();
        var (header, task) = TaskCheckpoint.Read(bytes, QualityPipeline.StreamOf(partition), pipeline.TaskOptions, pipeline.NoticeOptions, pipeline.Time,
            hostsSources ? pipeline.Sources : null);
        var read = Stopwatch.GetTimestamp();
        var (replay, sources) = Retry(() => readBack.Read(partition, task.Engine.Seq, pipeline.Sources.Seq, header.Outputs),
            $"reading back the outputs of p{partition}", stop);
        var readBackDone = Stopwatch.GetTimestamp();
        _restoredMarks[partition] = header.Outputs;
        pipeline.Add(task, replay, hostsSources ? sources : null);
        // Where a slow restore spends its time: loading from Redis, rebuilding the engine, or reading back the outputs.
        logger.LogInformation(
            "Restored p{Partition} from its checkpoint ({Bytes} bytes, {Leads} leads, seq {Seq}) in {Ms} ms: loading {LoadMs} ms, reading {ReadMs} ms, " +
            "reading back outputs {ReadBackMs} ms; replaying from deliveries {Delivery}, feedback {Feedback}; {Sent} changes sent since",
            partition, bytes.Length, task.Engine.TrackedLeads, task.Engine.Seq, Ms(started, Stopwatch.GetTimestamp()), Ms(started, loaded), Ms(loaded, read),
            Ms(read, readBackDone), task.NextDelivery, task.NextFeedback, replay.Changes.Count);
        return task;
    }

    /// <summary>
    /// Writes the checkpoint of every task (or of <paramref name="only"/>, and the source stage's host with them), all
    /// in one Redis transaction. With <paramref name="wait"/> it waits and stores their offsets; otherwise
    /// <see cref="StoreWritten"/> does once they are written.
    /// </summary>
    /// <remarks>
    /// The order is what makes a restore exact. The outputs topics' ends are read first, so whatever is sent after them
    /// is read back on restore; a task still replaying keeps the marks it was restored with, since what it sent before
    /// and has not made again yet lies after those. The tasks are read next, the source stage's host last, so the stage has heard of at
    /// least as much as each task's state holds. Then every output sent so far is waited for: a checkpoint must never
    /// hold a change or notice that could still be lost in flight, since its replay would not make it again.
    /// </remarks>
    public void WriteAll(IConsumer<byte[], byte[]> consumer, bool wait, IReadOnlyCollection<int>? only = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var partitions = pipeline.Partitions
            .Where(p => only is null || only.Contains(p) || QualityPipeline.HostsSources(p))
            .OrderBy(p => QualityPipeline.HostsSources(p) ? 1 : 0).ThenBy(p => p)
            .ToList();
        var started = Stopwatch.GetTimestamp();
        var failuresBefore = outputs.Failures;
        var marks = new Dictionary<int, IReadOnlyList<OutputMark>>();
        foreach (var partition in partitions)
        {
            try
            {
                marks[partition] = pipeline.IsReplaying(partition) && _restoredMarks.TryGetValue(partition, out var restored)
                    ? restored
                    : Marks(consumer, partition);
            }
            catch (KafkaException e)
            {
                Failed($"the outputs topics' ends could not be read ({e.Error.Reason})");
                return;
            }
        }

        var taken = new List<Taken>();
        foreach (var partition in partitions)
        {
            if (pipeline.Read(partition, (task, sources) => new Taken(partition, TaskCheckpoint.Write(task, marks[partition], sources), task.NextDelivery, task.NextFeedback))
                is { } one)
            {
                taken.Add(one);
            }
        }

        if (!outputs.Flush(Wait))
        {
            Failed("outputs were not acknowledged");
            return;
        }

        if (outputs.Failures != failuresBefore || _lostOutputs)
        {
            // A change or notice that failed for good is in the tasks' state but not in the topics: a checkpoint now
            // would make the loss permanent. Without one, a restart replays from the last and sends it again.
            _lostOutputs = true;
            Failed("an output could not be written; restart the worker to replay it from the last checkpoint");
            return;
        }

        Save(consumer, taken, wait, started);
    }

    /// <summary>On the applying thread: stores the offsets of the checkpoints written since the last call, for the next commit.</summary>
    public void StoreWritten(IConsumer<byte[], byte[]> consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        while (_written.TryDequeue(out var written))
        {
            Store(consumer, written.Partition, written.Delivery, written.Feedback);
        }
    }

    private void Save(IConsumer<byte[], byte[]> consumer, List<Taken> taken, bool wait, long started)
    {
        if (taken.Count == 0)
        {
            return;
        }

        var save = store.SaveAsync([.. taken.Select(t => (t.Partition, t.Bytes))]);
        if (wait)
        {
            try
            {
                save.Wait(Wait);
                Written(taken, started);
                foreach (var t in taken)
                {
                    Store(consumer, t.Partition, t.Delivery, t.Feedback);
                }
            }
            catch (AggregateException e) when (e.InnerException is RedisException or TimeoutException)
            {
                Failed($"Redis: {e.InnerException.Message}");
            }

            return;
        }

        save.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                Written(taken, started);
                foreach (var one in taken)
                {
                    _written.Enqueue((one.Partition, one.Delivery, one.Feedback));
                }
            }
            else
            {
                Failed($"Redis: {t.Exception?.InnerException?.Message}");
            }
        }, TaskScheduler.Default);
    }

    private void Written(List<Taken> taken, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var t in taken)
        {
            // Not for a task revoked while its periodic checkpoint was on its way: its size is its next owner's to report.
            if (pipeline.Partitions.Contains(t.Partition))
            {
                metrics.CheckpointWritten(t.Partition, t.Bytes.Length, elapsed);
            }
        }

        if (_failing is not null)
        {
            logger.LogInformation("Checkpoints are written again");
            _failing = null;
        }

        logger.LogDebug("Checkpoints of {Tasks} tasks written ({Bytes} bytes)", taken.Count, taken.Sum(t => (long)t.Bytes.Length));
    }

    private void Failed(string why)
    {
        if (_failing is null)
        {
            logger.LogWarning("Checkpoints cannot be written ({Reason}); processing goes on, and offsets are not committed until they can", why);
        }

        _failing = why;
    }

    private void Store(IConsumer<byte[], byte[]> consumer, int partition, long delivery, long feedback)
    {
        try
        {
            consumer.StoreOffset(new TopicPartitionOffset(_topics.Deliveries, partition, delivery));
            consumer.StoreOffset(new TopicPartitionOffset(_topics.Feedback, partition, feedback));
        }
        catch (KafkaException)
        {
            // Revoked meanwhile: its new owner restores from the checkpoint, which is what counts.
        }
    }

    /// <summary>Where the task's outputs topics' partitions end now: what it sends from here on is at or after these.</summary>
    private List<OutputMark> Marks(IConsumer<byte[], byte[]> consumer, int partition) =>
    [
        .. new[] { _topics.StateChanges, _topics.Notices, _topics.DeadLetter }
            .Select(topic => topology.For(topic, partition))
            .Select(tp => new OutputMark(tp.Topic, tp.Partition.Value, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value)),
    ];

    private (long Delivery, long Feedback) Committed(IConsumer<byte[], byte[]> consumer, int partition)
    {
        var tps = new[] { new TopicPartition(_topics.Deliveries, partition), new TopicPartition(_topics.Feedback, partition) };
        var committed = consumer.Committed(tps, TimeSpan.FromSeconds(10));
        long Start(TopicPartition tp)
        {
            var offset = committed.Single(c => c.TopicPartition == tp).Offset;
            return offset.Value >= 0 ? offset.Value : consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).Low.Value;
        }

        return (Start(tps[0]), Start(tps[1]));
    }

    private static long Ms(long from, long to) => (long)Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private sealed record Taken(int Partition, byte[] Bytes, long Delivery, long Feedback);

    private T Retry<T>(Func<T> attempt, string what, CancellationToken stop)
    {
        for (var delay = TimeSpan.FromSeconds(1); ; delay = TimeSpan.FromSeconds(Math.Min(10, delay.TotalSeconds * 2)))
        {
            try
            {
                var result = attempt();
                _failing = null;
                return result;
            }
            catch (Exception e) when (e is RedisException or TimeoutException or KafkaException)
            {
                _failing = $"{what}: {e.Message}";
                logger.LogWarning("Restoring waits: {What} failed ({Reason}); retrying in {Delay:g}", what, e.Message, delay);
                stop.WaitHandle.WaitOne(delay);
                stop.ThrowIfCancellationRequested();
            }
        }
    }
}
