using Confluent.Kafka;
using QualityStream.EmbeddedKafka;
using QualityStream.Worker.Tests.Durability.Harness;
using QualityStream.Worker.Tests.EndToEnd;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace QualityStream.Worker.Tests.Durability;

/// <summary>
/// Issue 17, faults on the Kafka side, each with a crash among them (the state must come through both) and each
/// ending with exactly the rates, transitions and notices of a worker that saw neither.
/// </summary>
[Collection(DurabilityTests.Name)]
public sealed class KafkaFaultTests(BrokerFixture broker, RedisServer redis, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ABrokerDownAndBack_WithTheWorkerKilledWhileItIsDown_EndsWithTheReferenceRates()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        await using var run = await FaultedRun.StartAsync(broker.Cluster, redis.Configuration, (redis.Configuration, connection.GetDatabase()),
            Seeds.Choose(), FaultShapes.Standard(), output);

        await run.ProducedAsync(0.3);
        run.Cluster.SetBrokerDown(1);
        var down = DateTime.UtcNow;
        run.Log("broker down");
        await Poll.UntilAsync(async () => (await run.Worker.ReadyzAsync()).Body.Contains("unreachable", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the worker to report the broker unreachable");
        await run.KillAndStartAsync();
        // The new worker starts without a broker; the outage lasts until it has been up a while too.
        await Poll.UntilAsync(async () => DateTime.UtcNow - down >= Outage && !(await run.Worker.ReadyzAsync()).Ready,
            TimeSpan.FromSeconds(60), "the restarted worker to be up, not ready, the outage to have lasted");
        run.Cluster.SetBrokerUp(1);
        run.Log("broker up");
        await run.Worker.WaitReadyAsync();

        (await run.CompareAsync("the broker going down for a while and a kill meanwhile")).ThrowIfAny();
    }

    // Fetch and OffsetCommit errors hit the running worker and (again) the restarted one as it restores and replays;
    // JoinGroup errors hit the restarted worker's joins. All are errors a client retries, not fatal ones.
    [Theory]
    [InlineData(KafkaApiKey.Fetch, new[] { ErrorCode.NotLeaderForPartition, ErrorCode.LeaderNotAvailable, ErrorCode.KafkaStorageError }, 8)]
    [InlineData(KafkaApiKey.OffsetCommit, new[] { ErrorCode.NotCoordinatorForGroup, ErrorCode.RequestTimedOut, ErrorCode.GroupLoadInProgress, ErrorCode.RebalanceInProgress }, 5)]
    [InlineData(KafkaApiKey.JoinGroup, new[] { ErrorCode.GroupLoadInProgress, ErrorCode.NotCoordinatorForGroup, ErrorCode.GroupCoordinatorNotAvailable }, 2)]
    public async Task InjectedRequestErrors_AroundACrash_EndWithTheReferenceRates(short request, ErrorCode[] errors, int rounds)
    {
        ArgumentNullException.ThrowIfNull(errors);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        await using var run = await FaultedRun.StartAsync(broker.Cluster, redis.Configuration, (redis.Configuration, connection.GetDatabase()),
            Seeds.Choose(), FaultShapes.Standard(), output);
        var injected = Enumerable.Repeat(errors, rounds).SelectMany(e => e).ToArray();

        await run.ProducedAsync(0.3);
        if (request != KafkaApiKey.JoinGroup)
        {
            run.Cluster.PushRequestErrors(request, injected);
            run.Log($"{injected.Length} errors pushed for API key {request}");
        }

        await run.ProducedAsync(0.5);
        await run.KillAndStartAsync(beforeStart: () =>
        {
            run.Cluster.PushRequestErrors(request, injected);
            run.Log($"{injected.Length} errors pushed for API key {request}");
            return Task.CompletedTask;
        });

        (await run.CompareAsync($"{injected.Length} errors on API key {request} and a kill")).ThrowIfAny();
    }
}
