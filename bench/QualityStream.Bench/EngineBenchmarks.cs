using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;

namespace QualityStream.Bench;

/// <summary>
/// Engine throughput and allocation in steady state: each iteration starts from an engine already fed 2,000,000 events
/// (5 days of event time: past the 2-day retention twice, so leads expire as fast as they come and every table has
/// reached its working size) and applies the next 1,000,000. <c>Quiet</c> thresholds never change state, which isolates
/// the engine's own allocations from the state-change records it outputs. The wall clock stands past the workload's
/// end, since engine time never passes it: on a clock at the first event, time would stand still, nothing would expire
/// and the lead store would only grow. Source counts are drained as the pipeline drains them: they are what each closed
/// second hands the source stage, allocated per second, not per event.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, iterationCount: 5, warmupCount: 1, invocationCount: 1)]
public class EngineBenchmarks
{
    private const int Measured = 1_000_000;
    private static readonly QualityEngineOptions Options = new()
    {
        Windows = ["1h", "24h"],
        DuplicateLookbackDays = 1,
        ReturnWindowDays = new Dictionary<string, int> { ["default"] = 1 },
    };

    private readonly List<QualityStream.Core.Snapshots.QualityStateChanged> _changes = new(4096);
    private readonly List<SourceCounts> _sourceCounts = new(4096);
    private object[] _events = [];
    private QualityEngine _engine = null!;

    [Params("builtin", "quiet")]
    public string Thresholds { get; set; } = "builtin";

    [GlobalSetup]
    public void Build() => _events = EngineWorkload.Build(3 * Measured, TimeSpan.FromDays(7.5));

    [IterationSetup]
    public void WarmEngine()
    {
        _engine = new QualityEngine(Options, new FakeTimeProvider(EngineWorkload.Origin.AddDays(30)));
        if (Thresholds == "quiet")
        {
            _engine.SetThresholds(EngineWorkload.QuietThresholds());
        }

        Run(0, 2 * Measured);
    }

    [Benchmark(OperationsPerInvoke = Measured)]
    public void ApplyPreDecodedEvents() => Run(2 * Measured, Measured);

    private void Run(int from, int count)
    {
        var engine = _engine;
        var events = _events;
        for (var i = from; i < from + count; i++)
        {
            if (events[i] is InspectedLead lead)
            {
                engine.Apply(lead);
            }
            else
            {
                engine.Apply((BuyerFeedback)events[i]);
            }

            if ((i & 1023) == 0)
            {
                engine.DrainStateChanges(_changes);
                _changes.Clear();
                engine.DrainSourceCounts(_sourceCounts);
                _sourceCounts.Clear();
            }
        }
    }
}
