using Confluent.Kafka;
using QualityStream.Worker.Kafka;

namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>Scaling out by consumer group must keep each pair of same-numbered partitions on one worker.</summary>
[Collection(WorkerTests.Name)]
public sealed class ScaleOutAssignmentTests(BrokerFixture broker, RedisServer redis)
{
    [Fact]
    public async Task TwoWorkersInOneGroup_EachGetTheSamePartitionNumbersOfBothTopics_AndTogetherAllOfThem()
    {
        _ = redis;
        var id = Guid.NewGuid().ToString("N")[..8];
        var options = new KafkaOptions
        {
            BootstrapServers = broker.Cluster.BootstrapServers,
            GroupId = $"scale-{id}",
            Topics = new KafkaTopics { Deliveries = $"d-{id}", Feedback = $"f-{id}" },
            SessionTimeoutMs = 6000,
        };
        const int partitions = 6;
        broker.Cluster.CreateTopic(options.Topics.Deliveries, partitions);
        broker.Cluster.CreateTopic(options.Topics.Feedback, partitions);
        using var first = new ConsumerBuilder<byte[], byte[]>(KafkaConfigs.Consumer(options)).Build();
        using var second = new ConsumerBuilder<byte[], byte[]>(KafkaConfigs.Consumer(options)).Build();
        first.Subscribe([options.Topics.Deliveries, options.Topics.Feedback]);
        second.Subscribe([options.Topics.Deliveries, options.Topics.Feedback]);
        using var polling = new CancellationTokenSource();
        var loops = new[] { first, second }.Select(c => Task.Run(() =>
        {
            while (!polling.IsCancellationRequested)
            {
                c.Consume(TimeSpan.FromMilliseconds(50));
            }
        })).ToList();

        try
        {
            await Poll.UntilAsync(() => first.Assignment.Count > 0 && second.Assignment.Count > 0 && first.Assignment.Count + second.Assignment.Count == 2 * partitions,
                TimeSpan.FromSeconds(60), "both members assigned every partition between them",
                () => $"first: {string.Join(", ", first.Assignment)}; second: {string.Join(", ", second.Assignment)}");

            foreach (var member in new[] { first, second })
            {
                var assignment = member.Assignment.ToList();
                Assert.Equal(Numbers(assignment, options.Topics.Deliveries), Numbers(assignment, options.Topics.Feedback));
            }
        }
        finally
        {
            await polling.CancelAsync();
            await Task.WhenAll(loops);
        }
    }

    private static int[] Numbers(IEnumerable<TopicPartition> assignment, string topic) =>
        [.. assignment.Where(tp => tp.Topic == topic).Select(tp => tp.Partition.Value).Order()];
}
