using Confluent.Kafka;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Ingestion;

/// <summary>The applier's half: merge, apply, store offsets, report lag. Only the <c>qs-apply</c> thread runs it.</summary>
public sealed partial class KafkaIngestionService
{
    // The longest a head waits for the other side of its pair while that side is known to have unread messages.
    private const long MaxBacklogWaitMs = 5_000;

    private readonly Dictionary<int, PartitionPair> _pairs = [];
    // The per-event counters, resolved once: a labelled lookup per event costs more than the count itself.
    private readonly Prometheus.Counter.Child _appliedDeliveries = metrics.EventCounter(options.Value.Topics.Deliveries, ProcessResult.Applied.Outcome);
    private readonly Prometheus.Counter.Child _appliedFeedback = metrics.EventCounter(options.Value.Topics.Feedback, ProcessResult.Applied.Outcome);

    private void ApplyLoop(IConsumer<byte[], byte[]> consumer, Handover handover)
    {
        try
        {
            var lastStore = 0L;
            var lastLag = 0L;
            // Wake within the idle time while a head waits for its pair; otherwise often enough to store offsets.
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
                var now = _clock.ElapsedMilliseconds;
                if (now - lastStore >= _options.CommitIntervalMs)
                {
                    StoreProcessed(consumer, TimeSpan.FromMilliseconds(_options.CommitIntervalMs));
                    lastStore = now;
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
            // The reader rethrows it at its next call; nothing after the failed event is stored.
            handover.Fail(ex);
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

                Process(pair, message);
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

    private void Process(PartitionPair pair, Inbound inbound)
    {
        var message = inbound.Message;
        var producedAt = inbound.HasTimestamp ? DateTimeOffset.FromUnixTimeMilliseconds(inbound.TimestampMs) : (DateTimeOffset?)null;
        var result = pipeline.Apply(inbound.Prepared, inbound.IsDelivery ? null : message, producedAt);
        if (result.IsRejected)
        {
            deadLetters.Write(message, result.Reason!.Value, result.Detail!);
        }
        else if (ReferenceEquals(result.Outcome, ProcessResult.Applied.Outcome))
        {
            (inbound.IsDelivery ? _appliedDeliveries : _appliedFeedback).Inc();
        }
        else if (result.Outcome != ProcessResult.Held.Outcome)
        {
            metrics.Event(_options.Topics.Input(inbound.IsDelivery), result.Outcome);
        }

        if (result.ReleasedFeedback > 0)
        {
            _appliedFeedback.Inc(result.ReleasedFeedback);
        }

        pair.Processed(inbound.IsDelivery, inbound.Offset);
    }

    private PartitionPair Pair(int partition)
    {
        if (!_pairs.TryGetValue(partition, out var pair))
        {
            _pairs[partition] = pair = new PartitionPair();
        }

        return pair;
    }

    /// <summary>Stores the offsets after the processed events, but only once every output sent so far is acknowledged.</summary>
    private void StoreProcessed(IConsumer<byte[], byte[]> consumer, TimeSpan flushTimeout, IReadOnlyCollection<TopicPartition>? only = null)
    {
        if (!_pairs.Values.Any(p => p.UnstoredDeliveries >= 0 || p.UnstoredFeedback >= 0))
        {
            return;
        }

        if (!outputs.Flush(flushTimeout))
        {
            logger.LogWarning("Outputs not yet acknowledged; offsets stay unstored until they are");
            return;
        }

        foreach (var (partition, pair) in _pairs)
        {
            Store(consumer, pair, new TopicPartition(_options.Topics.Deliveries, partition), deliveries: true, only);
            Store(consumer, pair, new TopicPartition(_options.Topics.Feedback, partition), deliveries: false, only);
        }
    }

    private static void Store(IConsumer<byte[], byte[]> consumer, PartitionPair pair, TopicPartition tp, bool deliveries, IReadOnlyCollection<TopicPartition>? only)
    {
        if ((only is null || only.Contains(tp)) && pair.TakeUnstored(deliveries) is var offset and >= 0)
        {
            consumer.StoreOffset(new TopicPartitionOffset(tp, offset + 1));
        }
    }

    private void ReportLag(IConsumer<byte[], byte[]> consumer)
    {
        foreach (var tp in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(tp);
            Offset position;
            try
            {
                position = consumer.Position(tp);
            }
            catch (KafkaException)
            {
                // Revoked since the assignment was read (the reader runs rebalances): no longer this worker's lag.
                continue;
            }

            // A partition nothing was read from yet has no position: its lag counts from its start.
            var from = position != Offset.Unset ? position : watermarks.Low;
            if (watermarks.High != Offset.Unset && from != Offset.Unset)
            {
                metrics.Lag(tp.Topic, tp.Partition.Value, Math.Max(0, watermarks.High.Value - from.Value));
            }
        }
    }
}
