using Confluent.Kafka;
using QualityStream.EmbeddedKafka.Native;

namespace QualityStream.EmbeddedKafka.Tests;

public sealed class ClusterControlTests
{
    [Fact]
    public void CreateTopic_WithSevenPartitions_ShowsSevenPartitionsInMetadata()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        var topic = Clients.NewTopicName();
        cluster.CreateTopic(topic, 7, replicationFactor: 2);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));

        Assert.Equal(3, metadata.Brokers.Count);
        var described = Assert.Single(metadata.Topics);
        Assert.Equal(ErrorCode.NoError, described.Error.Code);
        Assert.Equal(7, described.Partitions.Count);
        Assert.All(described.Partitions, p => Assert.Equal(2, p.Replicas.Length));
    }

    [Fact]
    public void CreateDefaults_CreatesTheFiveContractTopicsCoPartitioned()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        Topics.CreateDefaults(cluster, 6);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        var counts = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);

        foreach (var name in (string[])["lead-deliveries", "buyer-feedback", "quality-state-changes", "quality-notices", "quality-deadletter"])
        {
            Assert.Equal(6, counts[name]);
        }
    }

    [Fact]
    public async Task BrokerDown_ThenUp_ProduceFailsThenSucceeds()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var topic = Clients.NewTopicName();
        cluster.CreateTopic(topic, 1);
        using var producer = Clients.Producer(cluster, messageTimeoutMs: 1500);
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "before" });

        cluster.SetBrokerDown(1);
        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(
            () => producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "while-down" }));
        Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);

        cluster.SetBrokerUp(1);
        // Reconnecting takes a backoff or two, longer than this producer's short message timeout: retry until through.
        var delivered = false;
        await Poll.UntilAsync(
            () => delivered = delivered || TryProduce(producer, topic, "after"),
            TimeSpan.FromSeconds(30),
            "a produce to succeed after the broker came back");
    }

    private static bool TryProduce(IProducer<string, string> producer, string topic, string value)
    {
        try
        {
            return producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = value })
                .GetAwaiter().GetResult().Status == PersistenceStatus.Persisted;
        }
        catch (ProduceException<string, string>)
        {
            return false;
        }
    }

    [Fact]
    public async Task PushRequestErrors_OnProduce_FailsTheNextProduceWithThatError()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var topic = Clients.NewTopicName();
        cluster.CreateTopic(topic, 1);
        using var producer = Clients.Producer(cluster);
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "warm-up" });

        cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed);
        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(
            () => producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "rejected" }));

        Assert.Equal(ErrorCode.TopicAuthorizationFailed, failure.Error.Code);
        // One pushed error fails one request; a fresh client (the old one remembers the denial) gets through.
        using var fresh = Clients.Producer(cluster);
        var next = await fresh.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "accepted" });
        Assert.Equal(PersistenceStatus.Persisted, next.Status);
    }

    [Fact]
    public void MockCluster_AndConfluentClients_ShareOneNativeLibrary()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        using var producer = Clients.Producer(cluster);

        var mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var i and >= 0 ? line[i..].Trim() : "")
            .Where(path => Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotNull(NativeResolver.LoadedPath);
        Assert.Equal([NativeResolver.LoadedPath!], mapped);
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndLaterCallsThrowObjectDisposed()
    {
        var cluster = EmbeddedKafkaCluster.Start();
        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", 1));
    }
}
