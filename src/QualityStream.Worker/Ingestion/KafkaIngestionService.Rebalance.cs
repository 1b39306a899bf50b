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
            .SetPartitionsAssignedHandler((consumer, assigned) =>
            {
                brokers.OnReachable();
                logger.LogInformation("Assigned {Partitions}", string.Join(", ", assigned));
                // Each pair's task from its checkpoint, reading from the checkpoint's offsets (not later committed
                // ones): the replay brings the state up to where the previous owner was, without sending again
                // anything it sent.
                var starts = checkpointer.Restore(consumer, [.. assigned.Select(a => a.Partition.Value).Distinct()], _stop);
                status.Assigned(assigned);
                return starts;
            })
            .SetPartitionsRevokedHandler((consumer, revoked) =>
            {
                // Checkpoint these tasks and store their offsets, so the next owner restores exactly this state, then
                // forget them and what was fetched but not applied: the next owner reads it again.
                var partitions = revoked.Select(r => r.TopicPartition).ToList();
                handover.Invoke(() =>
                {
                    checkpointer.WriteAll(consumer, wait: true, [.. partitions.Select(p => p.Partition.Value).Distinct()]);
                    Forget(partitions);
                });
                CommitStored(consumer);
                status.Revoked(partitions);
                logger.LogInformation("Revoked {Partitions}", string.Join(", ", partitions));
            })
            .SetPartitionsLostHandler((_, lost) =>
            {
                var partitions = lost.Select(l => l.TopicPartition).ToList();
                // Their state goes with them: the next owner restores from the last checkpoint and replays.
                handover.Invoke(() => Forget(partitions));
                status.Revoked(partitions);
                logger.LogWarning("Lost {Partitions}; their next owner restores them from their last checkpoint", string.Join(", ", partitions));
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
            logger.LogWarning("Offsets of the revoked partitions were not committed ({Reason}); their next owner restores from the checkpoint, which holds them", ex.Error.Reason);
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

            pipeline.Remove(tp.Partition.Value);
            metrics.RemoveLag(tp.Topic, tp.Partition.Value);
            metrics.RemoveCheckpoint(tp.Partition.Value);
        }
    }
}
