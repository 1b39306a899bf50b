using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Decoding;
using QualityStream.Core.Engine;
using QualityStream.Core.Inspection;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Simulator;

namespace QualityStream.Harness.Alerts;

/// <summary>
/// One engine and its source stage on a fake clock, fed the simulator's traffic in 100 ms steps as the worker would apply
/// it, with the demo's thresholds at a given confidence. What it alerts on is decided by the engine alone, so a run is
/// exact and repeats with its seed.
/// </summary>
internal sealed class AlertRun
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private AlertRun(TrafficGenerator generator, List<QualityStateChanged> changes, QualityEngine engine, SourceStage stage, long leads)
    {
        Generator = generator;
        Changes = changes;
        Engine = engine;
        Stage = stage;
        Leads = leads;
    }

    public TrafficGenerator Generator { get; }

    public List<QualityStateChanged> Changes { get; }

    public QualityEngine Engine { get; }

    public SourceStage Stage { get; }

    public long Leads { get; }

    /// <summary>The first change of each incident: its opening.</summary>
    public IEnumerable<QualityStateChanged> Openings => Changes.Where(c => c.From == MetricStatus.Ok);

    public static AlertRun Go(SimulatorOptions simulator, double confidence, long leads)
    {
        var clock = new FakeTimeProvider(Start);
        var generator = new TrafficGenerator(simulator, clock);
        var options = new QualityEngineOptions();
        var engine = new QualityEngine(options, clock);
        var stage = new SourceStage(options);
        var thresholds = DemoThresholds(confidence);
        engine.SetThresholds(thresholds);
        stage.SetThresholds(thresholds);
        var decoder = new EventDecoder(clock);
        var inspector = new LeadInspector();
        var changes = new List<QualityStateChanged>();
        var counts = new List<SourceCounts>();
        var perStep = simulator.Rate * Step.TotalSeconds;
        var owed = 0.0;
        var delivered = 0L;
        while (delivered < leads)
        {
            clock.Advance(Step);
            owed += perStep;
            var batch = (int)Math.Min(owed, leads - delivered);
            owed -= batch;
            foreach (var message in generator.Next(batch))
            {
                if (message.Topic == simulator.DeliveriesTopic)
                {
                    delivered++;
                    if (decoder.DecodeDelivery(message.Value) is { Event: { } lead })
                    {
                        engine.Apply(inspector.Inspect(lead));
                    }
                }
                else if (decoder.DecodeFeedback(message.Value) is { Event: { } feedback })
                {
                    engine.Apply(feedback);
                }
            }

            engine.AdvanceTime(clock.GetUtcNow());
            engine.DrainStateChanges(changes);
            counts.Clear();
            engine.DrainSourceCounts(counts);
            stage.Receive(engine.Stream, counts, engine.ClosedThroughSec);
            stage.Advance();
            stage.DrainStateChanges(changes);
        }

        return new AlertRun(generator, changes, engine, stage, delivered);
    }

    /// <summary>The demo's thresholds (src/QualityStream.Demo): the built-in levels, contact judged lower, pending 20 s, minSample 50.</summary>
    private static ThresholdSet DemoThresholds(double confidence)
    {
        var byMetric = new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>();
        foreach (var metric in Metrics.All)
        {
            var threshold = metric == Metric.Contact
                ? ThresholdDefaults.For(metric) with { PendingSeconds = 20, MinSample = 50, Warn = 0.30, Breach = 0.20, Clear = 0.35 }
                : ThresholdDefaults.For(metric) with { PendingSeconds = 20, MinSample = 50 };
            byMetric[metric] = new Dictionary<string, Threshold> { [ThresholdScopes.Default] = threshold with { Confidence = confidence } };
        }

        return new ThresholdSet(byMetric);
    }
}
