using System.Diagnostics;
using QualityStream.Worker.Tests.Durability.Exactness;
using QualityStream.Worker.Tests.Durability.Harness;
using QualityStream.Worker.Tests.Durability.Traffic;
using QualityStream.Worker.Tests.EndToEnd;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace QualityStream.Worker.Tests.Durability;

/// <summary>Issue 17, crash loop: SIGKILL at random points changes nothing a user sees, except the delay.</summary>
[Collection(DurabilityTests.Name)]
public sealed class CrashLoopTests(BrokerFixture broker, RedisServer redis, ITestOutputHelper output)
{
    private const int Kills = 6;
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task AWorkerKilledAtRandomPointsWhileEventsFlow_EndsShowingWhatAWorkerThatNeverStoppedShows()
    {
        var seed = Seeds.Choose();
        output.WriteLine($"seed {seed} (QS_SEED={seed} replays it)");
        var shape = new TrafficShape
        {
            Seconds = 50,
            LeadsPerSecond = 2_300,
            Incidents =
            [
                ScriptedIncident.InvalidStretch("b01", "sv", from: 8, until: 13),
                ScriptedIncident.ContactDrop("b02", "sc", from: 20),
                ScriptedIncident.ReturnSpike("b03", from: 12, until: 27),
                ScriptedIncident.DuplicateSpike("s15", from: 25, until: 40),
            ],
        };
        var audience = Audience.Of(seed, shape);
        var thresholds = ThresholdEntry.UnreachableDefaults().Concat(shape.Incidents.SelectMany(i => i.Thresholds(audience))).ToList();
        var inputs = InputTopics.New(12).CreateOn(broker.Cluster);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var crashing = await WorkerLane.New("crash").PrepareAsync(broker.Cluster, connection.GetDatabase(), thresholds);
        var reference = await WorkerLane.New("reference").PrepareAsync(broker.Cluster, connection.GetDatabase(), thresholds);
        var bootstrap = broker.Cluster.BootstrapServers;

        await using var referenceWorker = await WorkerChild.StartAsync("reference", reference.Settings(bootstrap, redis.Configuration, inputs, RunSettings.Standard));
        var worker = await WorkerChild.StartAsync("crash-1", crashing.Settings(bootstrap, redis.Configuration, inputs, RunSettings.Standard));
        try
        {
            var plan = TrafficPlan.Generate(seed, shape, RunSettings.StartNow());
            Assert.True(plan.Count >= 200_000, $"the plan has {plan.Count} events");
            var kills = KillPoint.Choose(seed, Kills, plan.Count);
            output.WriteLine($"{plan}\nkills: {string.Join("; ", kills)}");
            var clock = Stopwatch.StartNew();
            Func<string, int?> partitionOf;
            using (var producer = PacedProducer.Start(plan, inputs, bootstrap))
            {
                partitionOf = producer.PartitionOf;
                for (var k = 0; k < kills.Count; k++)
                {
                    await producer.WaitForAsync(kills[k].AfterEvents, TimeSpan.FromMinutes(3));
                    if (kills[k].OnceReady)
                    {
                        await worker.WaitReadyAsync();
                        // The scenario's timing, not a wait for a condition: a kill a random moment into the worker's work.
                        await Task.Delay(kills[k].Delay);
                    }

                    await worker.KillAsync();
                    output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed {worker.Name} with {producer.Produced} events produced");
                    await worker.DisposeAsync();
                    worker = await WorkerChild.StartAsync($"crash-{k + 2}", crashing.Settings(bootstrap, redis.Configuration, inputs, RunSettings.Standard), waitUntilReady: false);
                }

                await producer.Completion;
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all {plan.Count} events produced");
            }

            var expected = RunOutputs.Read("reference", await CatchUp.SnapshotAsync(referenceWorker, inputs, CatchUpTimeout), bootstrap, reference);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {expected}");
            var actual = RunOutputs.Read("the crash-looped worker", await CatchUp.SnapshotAsync(worker, inputs, CatchUpTimeout), bootstrap, crashing);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {actual}");

            var found = new Discrepancies($"seed {seed}, {Kills} kills ({string.Join("; ", kills)}); {expected}; {actual}");
            found.Add("input the broker dropped", inputs.Dropped(bootstrap));
            found.Add("scripted incidents", ScriptCheck.Missing(expected, shape.Incidents));
            ReferenceComparison.Compare(found, expected, actual, partitionOf);
            found.ThrowIfAny();
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }
}
