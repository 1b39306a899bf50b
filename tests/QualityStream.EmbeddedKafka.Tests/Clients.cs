using Confluent.Kafka;

namespace QualityStream.EmbeddedKafka.Tests;

/// <summary>Confluent.Kafka clients tuned for a loopback mock cluster: short timeouts, quick reconnects.</summary>
internal static class Clients
{
    public static IProducer<string, string> Producer(EmbeddedKafkaCluster cluster, int messageTimeoutMs = 10_000) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            MessageTimeoutMs = messageTimeoutMs,
            ReconnectBackoffMaxMs = 500,
            LingerMs = 1,
        }).Build();

    public static IConsumer<string, string> Consumer(EmbeddedKafkaCluster cluster, string groupId) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
            ReconnectBackoffMaxMs = 500,
        }).Build();

    public static string NewTopicName() => "t-" + Guid.NewGuid().ToString("N");
}
