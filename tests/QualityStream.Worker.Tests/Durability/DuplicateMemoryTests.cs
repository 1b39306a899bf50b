using System.Text;
using Confluent.Kafka;
using QualityStream.Worker.Tests.Durability.Exactness;
using QualityStream.Worker.Tests.Durability.Harness;
using QualityStream.Worker.Tests.Durability.Traffic;
using QualityStream.Worker.Tests.EndToEnd;
using StackExchange.Redis;

namespace QualityStream.Worker.Tests.Durability;

/// <summary>Issue 17: the 30-day duplicate memory outlives a crash.</summary>
[Collection(DurabilityTests.Name)]
public sealed class DuplicateMemoryTests(BrokerFixture broker, RedisServer redis)
{
    [Fact]
    public async Task AConsumerDeliveredBeforeACrash_IsADuplicateWhenDeliveredAgainUnderAnotherLeadAfterIt()
    {
        var inputs = InputTopics.New(4).CreateOn(broker.Cluster);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var lane = await WorkerLane.New("dup").PrepareAsync(broker.Cluster, connection.GetDatabase(), ThresholdEntry.UnreachableDefaults());
        var bootstrap = broker.Cluster.BootstrapServers;
        var settings = lane.Settings(bootstrap, redis.Configuration, inputs);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true }).Build();
        var ana = new EventJson.Consumer("+15125550143", "ana@example.com", true);

        var worker = await WorkerChild.StartAsync("dup-1", settings);
        try
        {
            var first = await DeliverAsync(producer, inputs, 1, ana);
            // Until the group's commit covers it, a restarted worker would read it again and rebuild the memory from
            // the input; after, only what the worker kept of it can flag the next one.
            await Poll.UntilAsync(() => GroupOffsets.Committed(bootstrap, lane.GroupId, inputs)[first.TopicPartition] > first.Offset.Value,
                TimeSpan.FromSeconds(30), "the first delivery's offset to be committed");
            await worker.KillAsync();
            await worker.DisposeAsync();

            worker = await WorkerChild.StartAsync("dup-2", settings);
            await DeliverAsync(producer, inputs, 2, ana with { Email = "ana.diaz@example.com" });
            await DeliverAsync(producer, inputs, 3, new EventJson.Consumer("+15125550178", "bo@example.com", true));
            var snapshot = await CatchUp.SnapshotAsync(worker, inputs, TimeSpan.FromMinutes(1));

            var duplicate = SnapshotView.Cell(snapshot, "buyer|acme-auto|-|1h")?["metrics"]?["duplicate"];
            Assert.True(duplicate is not null, $"no buyer cell for acme-auto in {snapshot.ToJsonString()}");
            Assert.True((long)duplicate["numerator"]! == 1 && (long)duplicate["denominator"]! == 3,
                $"the lead delivered after the crash to the same phone should be the one duplicate among the three delivered; the buyer cell shows {duplicate.ToJsonString()}");
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }

    private static async Task<DeliveryResult<string, byte[]>> DeliverAsync(IProducer<string, byte[]> producer, InputTopics inputs, long n, EventJson.Consumer consumer)
    {
        var at = DateTimeOffset.UtcNow;
        return await producer.ProduceAsync(inputs.Deliveries, new Message<string, byte[]>
        {
            Key = "acme-auto",
            Value = Encoding.UTF8.GetBytes(EventJson.Delivery(n, "acme-auto", "fb-camp-7", "auto_insurance", at, consumer)),
            Timestamp = new Timestamp(at),
        });
    }
}
