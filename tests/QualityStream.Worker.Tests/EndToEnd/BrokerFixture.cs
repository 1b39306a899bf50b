using QualityStream.EmbeddedKafka;

namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>One embedded Kafka-protocol broker for the test collection; each test makes its own topics and group.</summary>
public sealed class BrokerFixture : IDisposable
{
    public BrokerFixture()
    {
        Cluster = EmbeddedKafkaCluster.Start();
        // Groups form at once instead of after the broker's default 3 s initial rebalance delay.
        Cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public void Dispose() => Cluster.Dispose();
}
