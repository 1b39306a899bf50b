using System.Text;
using Confluent.Kafka;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>Reads a whole topic, every partition from its start to the end it had when the read began.</summary>
internal static class OutputTopic
{
    public static List<TopicRecord> ReadAll(string bootstrapServers, string topic, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(20)).Topics.Single().Partitions.Select(p => p.PartitionId).ToList();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        }).Build();
        var ends = new Dictionary<int, long>();
        foreach (var p in partitions)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(20));
            if (watermarks.High.Value > watermarks.Low.Value)
            {
                ends[p] = watermarks.High.Value;
            }
        }

        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<TopicRecord>();
        var next = ends.Keys.ToDictionary(p => p, _ => 0L);
        while (next.Any(n => n.Value < ends[n.Key]))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"reading {topic}: {string.Join(", ", next.Select(n => $"[{n.Key}] at {n.Value} of {ends[n.Key]}"))}");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } m)
            {
                next[m.Partition.Value] = m.Offset.Value + 1;
                if (m.Offset.Value < ends[m.Partition.Value])
                {
                    records.Add(Record(m));
                }
            }
        }

        consumer.Close();
        return records;
    }

    private static TopicRecord Record(ConsumeResult<byte[], byte[]> m)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var h in m.Message.Headers ?? [])
        {
            headers[h.Key] = Encoding.UTF8.GetString(h.GetValueBytes());
        }

        return new TopicRecord(m.Partition.Value, m.Offset.Value, m.Message.Key is null ? null : Encoding.UTF8.GetString(m.Message.Key),
            Encoding.UTF8.GetString(m.Message.Value ?? []), headers);
    }
}
