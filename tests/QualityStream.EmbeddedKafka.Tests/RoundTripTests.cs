using Confluent.Kafka;

namespace QualityStream.EmbeddedKafka.Tests;

public sealed class RoundTripTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ConfluentProducer_ToMockCluster_IsConsumedBackWithKeysValuesAndTimestamps()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var topic = Clients.NewTopicName();
        cluster.CreateTopic(topic, 3);
        var at = new DateTimeOffset(2026, 11, 23, 8, 15, 2, 120, TimeSpan.Zero);
        using (var producer = Clients.Producer(cluster))
        {
            for (var i = 0; i < 20; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, string>
                {
                    Key = $"buyer-{i % 4}", Value = $"v{i}", Timestamp = new Timestamp(at.AddSeconds(i)),
                });
            }
        }

        using var consumer = Clients.Consumer(cluster, "g-" + Guid.NewGuid().ToString("N"));
        consumer.Subscribe(topic);
        var received = ConsumeCount(consumer, 20);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"v{i}").Order(), received.Select(r => r.Message.Value).Order());
        var first = received.Single(r => r.Message.Value == "v0");
        Assert.Equal("buyer-0", first.Message.Key);
        Assert.Equal(at, first.Message.Timestamp.UtcDateTime);
        // Same key, same partition: the broker honours the producer's key partitioning.
        Assert.Single(received.Where(r => r.Message.Key == "buyer-1").Select(r => r.Partition.Value).Distinct());
        consumer.Close();
    }

    [Fact]
    public async Task SecondConsumerInSameGroup_AfterCommit_ResumesAfterCommittedOffsets()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var topic = Clients.NewTopicName();
        cluster.CreateTopic(topic, 2);
        var group = "g-" + Guid.NewGuid().ToString("N");
        using var producer = Clients.Producer(cluster);
        await ProduceRange(producer, topic, 0, 10);

        using (var first = Clients.Consumer(cluster, group))
        {
            first.Subscribe(topic);
            Assert.Equal(10, ConsumeCount(first, 10).Count);
            first.Commit();
            first.Close();
        }

        await ProduceRange(producer, topic, 10, 15);
        using var second = Clients.Consumer(cluster, group);
        second.Subscribe(topic);
        var resumed = ConsumeCount(second, 5);

        Assert.Equal(["v10", "v11", "v12", "v13", "v14"], resumed.Select(r => r.Message.Value).Order());
        // Nothing older arrives later: the group really resumed, it did not restart from the earliest offset.
        Assert.Null(second.Consume(TimeSpan.FromSeconds(1)));
        second.Close();
    }

    private static async Task ProduceRange(IProducer<string, string> producer, string topic, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
        }
    }

    internal static List<ConsumeResult<string, string>> ConsumeCount(IConsumer<string, string> consumer, int count)
    {
        var results = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow + Timeout;
        while (results.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Received only {results.Count} of {count} messages in {Timeout}.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
            {
                results.Add(result);
            }
        }

        return results;
    }
}
