using Confluent.Kafka;
using QualityStream.Harness.Infrastructure;

namespace QualityStream.Harness.Ceiling;

/// <summary>Low and high offsets of every input partition, read from the broker.</summary>
public sealed class Watermarks : IDisposable
{
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly BenchTopics _topics;

    public Watermarks(string bootstrapServers, BenchTopics topics)
    {
        _topics = topics;
        _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "watermarks" }).Build();
    }

    public IEnumerable<TopicPartition> Partitions =>
        Enumerable.Range(0, _topics.Partitions).SelectMany(p => new[] { new TopicPartition(_topics.Deliveries, p), new TopicPartition(_topics.Feedback, p) });

    public Dictionary<TopicPartition, WatermarkOffsets> Read() =>
        Partitions.ToDictionary(tp => tp, tp => _consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)));

    public void Dispose() => _consumer.Dispose();
}
