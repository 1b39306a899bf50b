using Confluent.Kafka;
using QualityStream.EmbeddedKafka;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>The two co-partitioned input topics of one test, read by every worker of it.</summary>
internal sealed record InputTopics(string Deliveries, string Feedback, int Partitions)
{
    /// <summary>Fresh names, so nothing another test wrote is read.</summary>
    public static InputTopics New(int partitions)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return new InputTopics($"lead-deliveries-{id}", $"buyer-feedback-{id}", partitions);
    }

    /// <summary>Creates both topics on <paramref name="cluster"/> (a test feeding two clusters creates them on each).</summary>
    public InputTopics CreateOn(EmbeddedKafkaCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        cluster.CreateTopic(Deliveries, Partitions);
        cluster.CreateTopic(Feedback, Partitions);
        return this;
    }

    public string Topic(bool deliveries) => deliveries ? Deliveries : Feedback;

    /// <summary>
    /// Partitions whose oldest records the broker dropped (it keeps about 5 MB a partition): a run that lost input to
    /// the broker proves nothing about the worker, so the test says so instead of blaming the worker.
    /// </summary>
    public List<string> Dropped(string bootstrapServers)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = $"watermarks-{Guid.NewGuid():N}" }).Build();
        return [.. new[] { Deliveries, Feedback }
            .SelectMany(topic => Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topic, p)))
            .Select(tp => (tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(20)).Low.Value))
            .Where(w => w.Value > 0)
            .Select(w => $"{w.tp} starts at offset {w.Value}")];
    }
}
