using Confluent.Kafka;
using QualityStream.Core.Events;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Ingestion;

/// <summary>The applier's half: merge, apply, checkpoint, keep quiet tasks' time, report lag. Only the <c>qs-apply</c> thread runs it.</summary>
public sealed partial class KafkaIngestionService
{
    // The longest a head waits for the other side of its pair while that side is known to have unread messages.
    private const long MaxBacklogWaitMs = 5_000;

    private readonly Dictionary<int, PartitionPair> _pairs = [];
    // The per-event counters, resolved once: a labelled lookup per event costs more than the count itself.
    private readonly Prometheus.Counter.Child _appliedDeliveries = metrics.EventCounter(options.Value.Topics.Deliveries, ProcessResult.Applied.Label);
    private readonly Prometheus.Counter.Child _appliedFeedback = metrics.EventCounter(options.Value.Topics.Feedback, ProcessResult.Applied.Label);
    private readonly long _checkpointEveryMs = checkpoints.Value.IntervalSeconds * 1000L;

    private void ApplyLoop(IConsumer<byte[], byte[]> consumer, Handover handover)
    {
        try
        {
            var lastCheckpoint = _clock.ElapsedMilliseconds;
            var lastQuiet = 0L;
            var lastLag = 0L;
            // Wake within the idle time while a head waits for its pair; otherwise often enough to keep time and offsets.
            while (handover.Take(_pairs.Values.Any(p => p.Count > 0) ? TimeSpan.FromMilliseconds(5) : TimeSpan.FromMilliseconds(100), out var batch))
            {
                if (batch is not null)
                {
                    foreach (var inbound in batch)
                    {
                        Accept(inbound);
                    }
                }

                DrainPairs(consumer);
                checkpointer.StoreWritten(consumer);
                var now = _clock.ElapsedMilliseconds;
                if (now - lastCheckpoint >= _checkpointEveryMs)
                {
                    checkpointer.WriteAll(consumer, wait: false);
                    lastCheckpoint = now;
                }

                if (now - lastQuiet >= 1000)
                {
                    AdvanceQuietTasks();
                    lastQuiet = now;
                }

                if (now - lastLag >= 5000)
                {
                    ReportLag(consumer);
                    lastLag = now;
                }
            }
        }
        catch (Exception ex)
        {
            // The reader rethrows it at its next call; nothing after the failed event is checkpointed.
            handover.Fail(ex);
        }
    }

    /// <summary>A task read to the end of both its partitions has a quiet input: its time may follow the wall clock.</summary>
    private void AdvanceQuietTasks()
    {
        foreach (var (partition, pair) in _pairs)
        {
            if (pair.IsCaughtUp)
            {
                pipeline.AdvanceQuiet(partition);
            }
        }
    }

    private void Accept(Inbound inbound)
    {
        var pair = Pair(inbound.Partition);
        if (inbound.IsPartitionEof)
        {
            pair.ReachedEnd(inbound.IsDelivery, inbound.Arrival);
        }
        else
        {
            pair.Enqueue(inbound);
        }
    }

    private void DrainPairs(IConsumer<byte[], byte[]> consumer)
    {
        var now = _clock.ElapsedMilliseconds;
        foreach (var (partition, pair) in _pairs)
        {
            while (true)
            {
                // Before a head goes alone: if the side it waits for still has unread messages, it keeps waiting, as
                // they are on their way and going alone would let feedback overtake its lead in a backlog (Kafka
                // Streams, too, does not count idle time while a partition's lag is known and non-zero). Bounded,
                // because the cached high watermark may stay above the position for good (a transaction marker can
                // end a partition): no head waits forever.
                if (pair.IdleRunOut(now, _options.MaxIdleMs, out var forDeliveries) is { } head && now - head.ArrivedMs < MaxBacklogWaitMs
                    && Behind(consumer, _options.Topics.Input(forDeliveries), partition))
                {
                    head.WaitingSinceMs = now;
                }

                if (pair.Next(now, _options.MaxIdleMs) is not { } message)
                {
                    break;
                }

                Process(message);
            }
        }
    }

    /// <summary>Whether the last fetch saw messages beyond the consumer's position (both figures are local, no request).</summary>
    private static bool Behind(IConsumer<byte[], byte[]> consumer, string topic, int partition)
    {
        var tp = new TopicPartition(topic, partition);
        var high = consumer.GetWatermarkOffsets(tp).High;
        try
        {
            var position = consumer.Position(tp);
            return high != Offset.Unset && position != Offset.Unset && high.Value > position.Value;
        }
        catch (KafkaException)
        {
            // Not assigned here (another member has it): nothing of it will come, so nothing to wait for.
            return false;
        }
    }

    private void Process(Inbound inbound)
    {
        var message = inbound.Message;
        var producedAt = inbound.HasTimestamp ? DateTimeOffset.FromUnixTimeMilliseconds(inbound.TimestampMs) : (DateTimeOffset?)null;
        var source = new FeedbackSource(message.Topic, inbound.Partition, inbound.Offset, message.Message.Key, message.Message.Value);
        var result = pipeline.Apply(inbound.Partition, inbound.IsDelivery, inbound.Offset, inbound.Prepared, source, producedAt);
        if (result.Replayed)
        {
            // Applied again after a restore: counted, and dead-lettered if rejected, before it.
            return;
        }

        if (result.IsRejected)
        {
            deadLetters.Write(source, result.Reason!.Value, result.Detail!, result.Stream, result.Position);
        }
        else if (result.Outcome == EventOutcome.Applied)
        {
            (inbound.IsDelivery ? _appliedDeliveries : _appliedFeedback).Inc();
        }
        else if (result.Outcome != EventOutcome.Held)
        {
            metrics.Event(_options.Topics.Input(inbound.IsDelivery), result.Label);
        }

        if (result.ReleasedFeedback > 0)
        {
            _appliedFeedback.Inc(result.ReleasedFeedback);
        }
    }

    private PartitionPair Pair(int partition)
    {
        if (!_pairs.TryGetValue(partition, out var pair))
        {
            _pairs[partition] = pair = new PartitionPair();
        }

        return pair;
    }

    private void ReportLag(IConsumer<byte[], byte[]> consumer)
    {
        foreach (var tp in consumer.Assignment)
        {
            var high = consumer.GetWatermarkOffsets(tp).High;
            if (high == Offset.Unset)
            {
                continue;
            }

            // Counted from what its task applies next, not from the consumer's position: the position also counts
            // messages still queued in a pair, and a partition restored at its end has none until something new comes
            // (its lag is 0, not everything since the start).
            if (pipeline.Read(tp.Partition.Value, (task, _) => task) is { } owner)
            {
                var next = tp.Topic == _options.Topics.Deliveries ? owner.NextDelivery : owner.NextFeedback;
                metrics.Lag(tp.Topic, tp.Partition.Value, Math.Max(0, high.Value - next));
            }
        }
    }
}
