using System.Diagnostics;
using QualityStream.Worker.Tests.Durability.Exactness;
using QualityStream.Worker.Tests.Durability.Harness;
using QualityStream.Worker.Tests.Durability.Traffic;
using QualityStream.Worker.Tests.EndToEnd;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace QualityStream.Worker.Tests.Durability;

/// <summary>Issue 17, moves: partition tasks handed between two workers mid-stream change nothing a user sees.</summary>
[Collection(DurabilityTests.Name)]
public sealed class TaskMoveTests(BrokerFixture broker, RedisServer redis, ITestOutputHelper output)
{
    private const int Partitions = 12;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Shutdown = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TasksMovedBetweenTwoWorkersThreeTimesMidStream_EndShowingWhatAWorkerThatNeverStoppedShows()
    {
        var seed = Seeds.Choose();
        output.WriteLine($"seed {seed} (QS_SEED={seed} replays it)");
        // Only buyer and buyer×source incidents: while two workers share the tasks, each judges source cells on its own
        // share (issue 9 gives them a stage of their own), so no source threshold can be reached here.
        var shape = new TrafficShape
        {
            Seconds = 50,
            LeadsPerSecond = 1_500,
            Incidents =
            [
                ScriptedIncident.InvalidStretch("b01", "sv", from: 8, until: 13),
                ScriptedIncident.ContactDrop("b02", "sc", from: 18),
                ScriptedIncident.ReturnSpike("b03", from: 10, until: 25),
            ],
        };
        var audience = Audience.Of(seed, shape);
        var thresholds = ThresholdEntry.UnreachableDefaults().Concat(shape.Incidents.SelectMany(i => i.Thresholds(audience))).ToList();
        var inputs = InputTopics.New(Partitions).CreateOn(broker.Cluster);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var group = await WorkerLane.New("moving").PrepareAsync(broker.Cluster, connection.GetDatabase(), thresholds);
        var reference = await WorkerLane.New("reference").PrepareAsync(broker.Cluster, connection.GetDatabase(), thresholds);
        var bootstrap = broker.Cluster.BootstrapServers;
        var settings = group.Settings(bootstrap, redis.Configuration, inputs, RunSettings.Standard);

        await using var referenceWorker = await WorkerChild.StartAsync("reference", reference.Settings(bootstrap, redis.Configuration, inputs, RunSettings.Standard));
        var a = await WorkerChild.StartAsync("A-1", settings);
        var b = await WorkerChild.StartAsync("B-1", settings);
        try
        {
            await Ownership.WaitAsync(inputs, Settle, (a, Partitions / 2), (b, Partitions / 2));
            var plan = TrafficPlan.Generate(seed, shape, RunSettings.StartNow());
            output.WriteLine(plan.ToString());
            var clock = Stopwatch.StartNew();
            Func<string, int?> partitionOf;
            using (var producer = PacedProducer.Start(plan, inputs, bootstrap))
            {
                partitionOf = producer.PartitionOf;
                // Move 1: B's tasks go to A.
                await producer.WaitForAsync(plan.Count / 5, TimeSpan.FromMinutes(2));
                await b.StopAsync(Shutdown);
                await b.DisposeAsync();
                await Ownership.WaitAsync(inputs, Settle, (a, Partitions));
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: B stopped at {producer.Produced} events, A holds every task");

                // Move 2: half of A's tasks go to the new B.
                await producer.WaitForAsync(plan.Count * 9 / 20, TimeSpan.FromMinutes(2));
                b = await WorkerChild.StartAsync("B-2", settings);
                await Ownership.WaitAsync(inputs, Settle, (a, Partitions / 2), (b, Partitions / 2));
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: B started again at {producer.Produced} events, the tasks are split");

                // Move 3: A's tasks go to B.
                await producer.WaitForAsync(plan.Count * 7 / 10, TimeSpan.FromMinutes(2));
                await a.StopAsync(Shutdown);
                await Ownership.WaitAsync(inputs, Settle, (b, Partitions));
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: A stopped at {producer.Produced} events, B holds every task");

                await producer.Completion;
            }

            var expected = RunOutputs.Read("reference", await CatchUp.SnapshotAsync(referenceWorker, inputs, TimeSpan.FromMinutes(3)), bootstrap, reference);
            var actual = RunOutputs.Read("the group whose tasks moved", await CatchUp.SnapshotAsync(b, inputs, TimeSpan.FromMinutes(3)), bootstrap, group);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {expected}; {actual}");

            var found = new Discrepancies($"seed {seed}, three moves; {expected}; {actual}");
            found.Add("input the broker dropped", inputs.Dropped(bootstrap));
            found.Add("scripted incidents", ScriptCheck.Missing(expected, shape.Incidents));
            ReferenceComparison.Compare(found, expected, actual, partitionOf);
            found.ThrowIfAny();
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }
}
