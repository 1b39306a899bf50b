using Confluent.Kafka;
using QualityStream.Harness.Ceiling;

namespace QualityStream.Harness.Restore;

/// <summary>
/// A consumer group's committed input offsets, summed. The worker commits an offset only once a checkpoint covering it
/// is written, so when they reach the partitions' ends every task has a checkpoint holding all it applied.
/// </summary>
public static class CommittedOffsets
{
    public static long Sum(string bootstrapServers, string groupId, Watermarks watermarks)
    {
        ArgumentNullException.ThrowIfNull(watermarks);
        // Asking for committed offsets joins nothing: the worker's membership and assignment are left alone.
        using var reader = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId }).Build();
        return reader.Committed(watermarks.Partitions, TimeSpan.FromSeconds(10)).Sum(tpo => Math.Max(0, tpo.Offset.Value));
    }
}
