using System.Diagnostics;
using QualityStream.EmbeddedKafka;
using QualityStream.Worker.Tests.Durability.Exactness;
using QualityStream.Worker.Tests.Durability.Traffic;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>
/// A worker under a fault, beside a reference that sees none of it. The faulted worker reads a broker of its own
/// (faults there reach no one else) and may use a Redis of its own; the reference reads the same traffic, sent to the
/// shared broker record for record, and uses the shared Redis. At the end both catch up and are compared.
/// </summary>
internal sealed class FaultedRun : IAsyncDisposable
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromMinutes(3);
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, string> _settings;
    private readonly WorkerChild _reference;
    private readonly RunOutputsSource _subject;
    private readonly RunOutputsSource _referenceSource;
    private int _starts = 1;

    private FaultedRun(int seed, TrafficShape shape, EmbeddedKafkaCluster cluster, InputTopics inputs, WorkerLane lane,
        Dictionary<string, string> settings, WorkerChild reference, RunOutputsSource referenceSource, WorkerChild worker, ITestOutputHelper output)
    {
        Seed = seed;
        Shape = shape;
        Cluster = cluster;
        Inputs = inputs;
        Lane = lane;
        _settings = settings;
        _reference = reference;
        _referenceSource = referenceSource;
        _subject = new RunOutputsSource(cluster.BootstrapServers, lane);
        Worker = worker;
        _output = output;
    }

    public int Seed { get; }

    public TrafficShape Shape { get; }

    /// <summary>The faulted worker's own broker.</summary>
    public EmbeddedKafkaCluster Cluster { get; }

    public InputTopics Inputs { get; }

    public WorkerLane Lane { get; }

    public WorkerChild Worker { get; private set; }

    public TrafficPlan Plan { get; private set; } = null!;

    public PacedProducer Producer { get; private set; } = null!;

    /// <summary>
    /// Starts the reference (on <paramref name="shared"/> and <paramref name="sharedRedis"/>) and the worker to fault (on a
    /// broker of its own and <paramref name="faultedRedis"/>: its configuration string and a connection to it), then the traffic.
    /// </summary>
    public static async Task<FaultedRun> StartAsync(EmbeddedKafkaCluster shared, string sharedRedis, (string Configuration, IDatabase Database) faultedRedis,
        int seed, TrafficShape shape, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(shape);
        output.WriteLine($"seed {seed} (QS_SEED={seed} replays it)");
        var thresholds = ThresholdEntry.UnreachableDefaults().Concat(shape.Incidents.SelectMany(i => i.Thresholds(Audience.Of(seed, shape)))).ToList();
        var cluster = EmbeddedKafkaCluster.Start();
        cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var inputs = InputTopics.New(12).CreateOn(cluster).CreateOn(shared);
        await using var sharedConnection = await ConnectionMultiplexer.ConnectAsync(sharedRedis);
        var reference = await WorkerLane.New("reference").PrepareAsync(shared, sharedConnection.GetDatabase(), thresholds);
        var lane = await WorkerLane.New("faulted").PrepareAsync(cluster, faultedRedis.Database, thresholds);
        var settings = lane.Settings(cluster.BootstrapServers, faultedRedis.Configuration, inputs, RunSettings.Standard);
        var referenceWorker = await WorkerChild.StartAsync("reference", reference.Settings(shared.BootstrapServers, sharedRedis, inputs, RunSettings.Standard));
        var worker = await WorkerChild.StartAsync("faulted-1", settings);
        var run = new FaultedRun(seed, shape, cluster, inputs, lane, settings, referenceWorker, new RunOutputsSource(shared.BootstrapServers, reference), worker, output);
        run.Plan = TrafficPlan.Generate(seed, shape, RunSettings.StartNow());
        run.Producer = PacedProducer.Start(run.Plan, inputs, cluster.BootstrapServers, shared.BootstrapServers);
        output.WriteLine(run.Plan.ToString());
        return run;
    }

    /// <summary>Waits until <paramref name="fraction"/> of the plan is produced.</summary>
    public Task ProducedAsync(double fraction) => Producer.WaitForAsync((long)(Plan.Count * fraction), TimeSpan.FromMinutes(3));

    /// <summary>SIGKILL, then a new worker process in the same group; <paramref name="beforeStart"/> runs in between.</summary>
    public async Task KillAndStartAsync(Func<Task>? beforeStart = null, bool waitUntilReady = false)
    {
        await Worker.KillAsync();
        Log($"killed {Worker.Name} with {Producer.Produced} events produced");
        await Worker.DisposeAsync();
        if (beforeStart is not null)
        {
            await beforeStart();
        }

        Worker = await WorkerChild.StartAsync($"faulted-{++_starts}", _settings, waitUntilReady);
    }

    public void Log(string line) => _output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0} s: {line}");

    /// <summary>
    /// Lets the plan finish, waits for both workers to catch up and records every difference between what the faulted
    /// worker shows and what the reference shows; the caller adds its own and throws.
    /// </summary>
    public async Task<Discrepancies> CompareAsync(string scenario)
    {
        await Producer.Completion;
        Log($"all {Plan.Count} events produced");
        var expected = _referenceSource.Read("reference", await CatchUp.SnapshotAsync(_reference, Inputs, CatchUpTimeout));
        var actual = _subject.Read($"the worker that went through {scenario}", await CatchUp.SnapshotAsync(Worker, Inputs, CatchUpTimeout));
        Log($"{expected}; {actual}");
        var found = new Discrepancies($"seed {Seed}, {scenario}; {expected}; {actual}");
        found.Add("input the broker dropped", Inputs.Dropped(Cluster.BootstrapServers));
        found.Add("scripted incidents", ScriptCheck.Missing(expected, Shape.Incidents));
        ReferenceComparison.Compare(found, expected, actual, Producer.PartitionOf);
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        Producer?.Dispose();
        await Worker.DisposeAsync();
        await _reference.DisposeAsync();
        Cluster.Dispose();
    }

    /// <summary>Where a lane's outputs are read from.</summary>
    private sealed record RunOutputsSource(string BootstrapServers, WorkerLane Lane)
    {
        public RunOutputs Read(string name, System.Text.Json.Nodes.JsonObject snapshot) => RunOutputs.Read(name, snapshot, BootstrapServers, Lane);
    }
}
