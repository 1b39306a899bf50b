using Confluent.Kafka;
using QualityStream.Worker.Kafka;

namespace QualityStream.Worker.Ingestion;

public sealed partial class KafkaIngestionService
{
    // The handlers run on the reader, inside Consume(); what they do to pairs and offsets runs on the applier
    // (Handover.Invoke), between two batches, while the reader waits.
    private IConsumer<byte[], byte[]> BuildConsumer(Handover handover) =>
        new ConsumerBuilder<byte[], byte[]>(KafkaConfigs.Consumer(_options))
            .SetErrorHandler((_, e) =>
            {
                if (e.IsFatal)
                {
                    // A fatal error leaves the consumer unusable: stop the host loudly rather than sit idle.
                    Stop($"fatal consumer error: {e.Reason}", null);
                }
                else
                {
                    brokers.OnError(e);
                }
            })
            .SetLogHandler(KafkaLog.Handler(logger))
            .SetStatisticsHandler((_, json) => brokers.OnStatistics(json))
            .SetPartitionsAssignedHandler((_, assigned) =>
            {
                brokers.OnReachable();
                logger.LogInformation("Assigned {Partitions}", string.Join(", ", assigned));
                status.Assigned(assigned);
            })
            .SetPartitionsRevokedHandler((consumer, revoked) =>
            {
                // Finish what was processed for these partitions, so the next owner starts right after it, then
                // forget what was fetched but not processed: the next owner will read it again.
                var partitions = revoked.Select(r => r.TopicPartition).ToList();
                handover.Invoke(() =>
                {
                    StoreProcessed(consumer, TimeSpan.FromSeconds(10), partitions);
                    Forget(partitions);
                });
                CommitStored(consumer);
                status.Revoked(partitions);
                logger.LogInformation("Revoked {Partitions}", string.Join(", ", partitions));
            })
            .SetPartitionsLostHandler((_, lost) =>
            {
                var partitions = lost.Select(l => l.TopicPartition).ToList();
                // Their unstored offsets go with their pairs: the next owner reads those events again.
                handover.Invoke(() => Forget(partitions));
                status.Revoked(partitions);
                logger.LogWarning("Lost {Partitions}; their uncommitted events will be read again by the next owner", string.Join(", ", partitions));
            })
            .Build();

    private void CommitStored(IConsumer<byte[], byte[]> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing stored since the last commit.
        }
        catch (KafkaException ex) when (!ex.Error.IsFatal)
        {
            // A broker may refuse commits once the group is re-forming (the embedded one always does; Kafka accepts them
            // from the current generation). The next owner then reads what came since the last commit again, which is
            // what at-least-once means; stopping the worker over it would only leave the group short of a member.
            logger.LogWarning("Offsets of the revoked partitions were not committed ({Reason}); their next owner reads the events since the last commit again", ex.Error.Reason);
        }
    }

    private void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var tp in partitions)
        {
            if (_pairs.TryGetValue(tp.Partition.Value, out var pair))
            {
                pair.Clear();
                _pairs.Remove(tp.Partition.Value);
            }

            metrics.RemoveLag(tp.Topic, tp.Partition.Value);
        }
    }
}
