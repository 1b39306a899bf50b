using Confluent.Kafka;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>A consumer group's committed offsets and the topics' ends, read without joining the group.</summary>
internal static class GroupOffsets
{
    /// <summary>The committed offset of every input partition (-1 where none is committed).</summary>
    public static Dictionary<TopicPartition, long> Committed(string bootstrapServers, string groupId, InputTopics inputs)
    {
        using var reader = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId }).Build();
        return reader.Committed(Partitions(inputs), TimeSpan.FromSeconds(20)).ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
    }

    /// <summary>The end (high watermark) of every input partition.</summary>
    public static Dictionary<TopicPartition, long> Ends(string bootstrapServers, InputTopics inputs)
    {
        using var reader = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = $"ends-{Guid.NewGuid():N}" }).Build();
        return Partitions(inputs).ToDictionary(tp => tp, tp => reader.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(20)).High.Value);
    }

    private static List<TopicPartition> Partitions(InputTopics inputs) =>
        [.. new[] { inputs.Deliveries, inputs.Feedback }.SelectMany(t => Enumerable.Range(0, inputs.Partitions).Select(p => new TopicPartition(t, p)))];
}
