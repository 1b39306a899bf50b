using System.Text.Json.Nodes;
using QualityStream.Worker.Tests.Durability.Exactness;
using QualityStream.Worker.Tests.Durability.Harness;
using QualityStream.Worker.Tests.Durability.Traffic;
using QualityStream.Worker.Tests.EndToEnd;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace QualityStream.Worker.Tests.Durability;

/// <summary>Issue 17, quiet cells: a breached cell whose traffic stopped ends its incident once its window is empty.</summary>
[Collection(DurabilityTests.Name)]
public sealed class QuietCellTests(BrokerFixture broker, RedisServer redis, ITestOutputHelper output)
{
    private const int Window = 30;

    [Fact]
    public async Task ABreachedCellWhoseSourceStops_ClosesWithNoTrafficOnceItsWindowIsEmpty_AndTheBuyerHearsDeliveriesStopped()
    {
        var seed = Seeds.Choose();
        output.WriteLine($"seed {seed} (QS_SEED={seed} replays it)");
        // Every lead from sq is invalid until sq stops at second 10; the buyer's other sources go on, so event time
        // goes on for the cell's partition too. A 30 s window keeps the wait short and works whether engine time
        // follows the events or the wall clock (they are dated as they are sent).
        var quiet = ScriptedIncident.InvalidStretch("b00", "sq", from: 0, until: 10) with { Stops = 10 };
        var shape = new TrafficShape { Seconds = 52, LeadsPerSecond = 30, Buyers = 4, Sources = 4, SourcesPerBuyer = 2, PrologueLeads = 0, Incidents = [quiet] };
        var windows = new Dictionary<string, string> { ["Quality:Windows:0"] = $"{Window}s", ["Quality:Windows:1"] = "1h" };
        var thresholds = ThresholdEntry.UnreachableDefaults().Concat(quiet.Thresholds(Audience.Of(seed, shape), window: $"{Window}s"));
        var inputs = InputTopics.New(4).CreateOn(broker.Cluster);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var lane = await WorkerLane.New("quiet").PrepareAsync(broker.Cluster, connection.GetDatabase(), thresholds);
        var bootstrap = broker.Cluster.BootstrapServers;
        await using var worker = await WorkerChild.StartAsync("quiet", lane.Settings(bootstrap, redis.Configuration, inputs, windows));
        var plan = TrafficPlan.Generate(seed, shape, RunSettings.StartNow());
        using var producer = PacedProducer.Start(plan, inputs, bootstrap);

        List<JsonObject> changes = [];
        await Poll.UntilAsync(() =>
        {
            changes = [.. StateChangeLog.Of(OutputTopic.ReadAll(bootstrap, lane.StateChanges)).Of(quiet.Cell)];
            return changes.Any(c => (string?)c["to"] == "ok") || producer.Completion.IsCompleted;
        }, TimeSpan.FromSeconds(shape.Seconds + 30), "the quiet cell to return to ok", () => Describe(changes), TimeSpan.FromSeconds(1));
        // Once the producer is done, the worker has had more than the window's length past the last lead from sq.
        if (producer.Completion.IsCompleted)
        {
            await CatchUp.SnapshotAsync(worker, inputs, TimeSpan.FromMinutes(1));
            changes = [.. StateChangeLog.Of(OutputTopic.ReadAll(bootstrap, lane.StateChanges)).Of(quiet.Cell)];
        }

        var breach = changes.FirstOrDefault(c => (string?)c["to"] == "breach");
        Assert.True(breach is not null, $"the cell never breached: {Describe(changes)}");
        var incident = (string?)breach["incidentId"];
        var closed = changes.FirstOrDefault(c => (string?)c["to"] == "ok");
        Assert.True(closed is not null, $"the cell still holds its breach {shape.Seconds - quiet.Stops} s after its last lead, its {Window}s window long empty: {Describe(changes)}");
        Assert.Equal("no_traffic", (string?)closed["reason"]);
        Assert.Equal(incident, (string?)closed["incidentId"]);
        var lastLeadSecond = plan.At(quiet.Stops - 1);
        Assert.True(DateTimeOffset.Parse((string)closed["at"]!, System.Globalization.CultureInfo.InvariantCulture) >= lastLeadSecond.AddSeconds(Window),
            $"closed at {closed["at"]}, before the window let go of the last leads from {lastLeadSecond:O}");

        var recovered = await Poll.UntilAsync(() => Notices(bootstrap, lane).Any(n => (string?)n["incidentId"] == incident && (string?)n["kind"] == "recovered"),
            TimeSpan.FromSeconds(15), "the buyer's recovered notice", () => string.Join("\n", Notices(bootstrap, lane).Select(n => n.ToJsonString())));
        var notice = Notices(bootstrap, lane).First(n => (string?)n["incidentId"] == incident && (string?)n["kind"] == "recovered");
        Assert.Equal("b00", (string?)notice["buyerId"]);
        Assert.Contains("stopped", (string?)notice["message"] ?? "", StringComparison.OrdinalIgnoreCase);
        output.WriteLine($"closed: {closed.ToJsonString()}\nnotice: {notice.ToJsonString()} ({recovered.TotalSeconds:0.0} s)");
    }

    private static List<JsonObject> Notices(string bootstrap, WorkerLane lane) => NoticeLog.Of(OutputTopic.ReadAll(bootstrap, lane.Notices)).Notices.ToList();

    private static string Describe(List<JsonObject> changes) =>
        changes.Count == 0 ? "no state change for the cell" : string.Join("\n", changes.Select(c => c.ToJsonString()));
}
