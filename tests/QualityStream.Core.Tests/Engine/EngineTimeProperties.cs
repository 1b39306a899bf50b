using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Engine;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>
/// Engine time moved by quiet-time advances between events gives exactly what the events alone give: a replay, which
/// sees no quiet time, repeats what a live task did.
/// </summary>
public class EngineTimeProperties
{
    private static readonly QualityEngineOptions Options = new() { Windows = ["1h", "6h"], OrphanGraceSeconds = 600 };

    private static readonly ThresholdSet Thresholds = new(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>
    {
        [Metric.Validity] = new Dictionary<string, Threshold> { ["default"] = new("1h", 0.9, 0.8, 0.95, 2, 0) },
        [Metric.Contact] = new Dictionary<string, Threshold> { ["default"] = new("6h", 0.5, 0.3, 0.6, 2, 600) },
        [Metric.Return] = new Dictionary<string, Threshold> { ["default"] = new("1h", 0.2, 0.4, 0.1, 2, 120) },
    });

    [Property(MaxTest = 300, Arbitrary = [typeof(ScenarioGenerator)])]
    public Property TimeAdvancedBetweenEvents_ChangesNothingTheEventsDoNotAlsoDo(Scenario scenario, PositiveInt seed)
    {
        var clock = new FakeTimeProvider(ScenarioGenerator.Origin.AddDays(365));
        var (ticked, plain) = (Start(clock), Start(clock));
        var (tickedChanges, plainChanges) = (new List<QualityStateChanged>(), new List<QualityStateChanged>());
        var random = new Random(seed.Get);
        foreach (var e in scenario.Events)
        {
            var at = Scenario.TimeOf(e);
            if (ticked.HasTime && at > ticked.Now)
            {
                // Some quiet-time advances short of the event, as a live task makes while its input is quiet.
                var (from, gap) = (ticked.Now, (at - ticked.Now).TotalSeconds);
                foreach (var step in Enumerable.Range(0, random.Next(3)).Select(_ => random.NextDouble() * gap).Order())
                {
                    ticked.AdvanceTime(from.AddSeconds(Math.Floor(step)));
                }
            }

            Scenario.ApplyTo(ticked, e);
            Scenario.ApplyTo(plain, e);
            ticked.DrainStateChanges(tickedChanges);
            plain.DrainStateChanges(plainChanges);
        }

        var same = JsonSerializer.Serialize(tickedChanges) == JsonSerializer.Serialize(plainChanges)
            && JsonSerializer.Serialize(ticked.Snapshot()) == JsonSerializer.Serialize(plain.Snapshot());
        return same.Label($"{JsonDiff.First(plainChanges, tickedChanges)}{Environment.NewLine}{JsonDiff.First(plain.Snapshot().Cells, ticked.Snapshot().Cells)}"
            + $"{Environment.NewLine}now {plain.Now:O} / {ticked.Now:O}");
    }

    private static QualityEngine Start(TimeProvider clock)
    {
        var engine = new QualityEngine(Options, clock, "p0");
        engine.SetThresholds(Thresholds);
        return engine;
    }
}
