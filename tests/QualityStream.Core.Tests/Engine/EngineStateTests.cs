using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Engine;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

public class EngineStateTests
{
    private static readonly QualityEngineOptions Options = new() { Windows = ["1h", "6h"], OrphanGraceSeconds = 600 };

    [Property(MaxTest = 500, Arbitrary = [typeof(ScenarioGenerator)])]
    public Property EngineRestoredMidStream_EndsExactlyWhereTheUninterruptedEngineEnds_AndEmitsTheSameChanges(Scenario scenario, PositiveInt cut)
    {
        // The wall clock far ahead of every event: engine time follows the events alone.
        var clock = new FakeTimeProvider(ScenarioGenerator.Origin.AddDays(365));
        var straight = Start(clock);
        var interrupted = Start(clock);
        var (straightChanges, interruptedChanges) = (new List<QualityStateChanged>(), new List<QualityStateChanged>());
        var split = cut.Get % (scenario.Events.Count + 1);
        for (var i = 0; i < scenario.Events.Count; i++)
        {
            if (i == split)
            {
                using var state = new MemoryStream();
                interrupted.WriteState(state);
                state.Position = 0;
                interrupted = QualityEngine.ReadState(state, Options, clock, "p3");
                interrupted.SetThresholds(Thresholds);
            }

            Scenario.ApplyTo(straight, scenario.Events[i]);
            Scenario.ApplyTo(interrupted, scenario.Events[i]);
            straight.DrainStateChanges(straightChanges);
            interrupted.DrainStateChanges(interruptedChanges);
        }

        var expected = JsonSerializer.Serialize(straight.Snapshot());
        var actual = JsonSerializer.Serialize(interrupted.Snapshot());
        var changes = JsonSerializer.Serialize(straightChanges);
        var replayed = JsonSerializer.Serialize(interruptedChanges);
        return (expected == actual && changes == replayed).Label($"split at {split}{Environment.NewLine}{JsonDiff.First(straightChanges, interruptedChanges)}"
            + $"{Environment.NewLine}{JsonDiff.First(straight.Snapshot().Cells, interrupted.Snapshot().Cells)}");
    }

    [Fact]
    public void State_WithAnotherFormatVersion_IsRefusedWithAClearMessage()
    {
        using var state = new MemoryStream();
        new QualityEngine(Options, TimeProvider.System).WriteState(state);
        state.Position = 4;
        state.Write(BitConverter.GetBytes(99));
        state.Position = 0;

        var error = Assert.Throws<InvalidDataException>(() => QualityEngine.ReadState(state, Options, TimeProvider.System, "p0"));

        Assert.Contains("format 99 is not supported", error.Message, StringComparison.Ordinal);
    }

    private static readonly ThresholdSet Thresholds = new(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>
    {
        [Metric.Validity] = new Dictionary<string, Threshold> { ["default"] = new("1h", 0.9, 0.8, 0.95, 2, 0) },
        [Metric.Contact] = new Dictionary<string, Threshold> { ["default"] = new("6h", 0.5, 0.3, 0.6, 2, 600) },
    });

    private static QualityEngine Start(TimeProvider clock)
    {
        var engine = new QualityEngine(Options, clock, "p3");
        engine.SetThresholds(Thresholds);
        return engine;
    }
}
