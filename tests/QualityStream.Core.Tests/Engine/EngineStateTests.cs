using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

public class EngineStateTests
{
    private static readonly QualityEngineOptions Options = new() { Windows = ["1h", "6h"], OrphanGraceSeconds = 600 };

    [Property(MaxTest = 500, Arbitrary = [typeof(ScenarioGenerator)])]
    public Property EngineRestoredMidStream_EndsExactlyWhereTheUninterruptedEngineEnds(Scenario scenario, PositiveInt cut)
    {
        var clock = new FakeTimeProvider(ScenarioGenerator.Origin);
        var straight = Start(clock);
        var interrupted = Start(clock);
        var split = cut.Get % (scenario.Events.Count + 1);
        for (var i = 0; i < scenario.Events.Count; i++)
        {
            if (i == split)
            {
                using var state = new MemoryStream();
                interrupted.WriteState(state);
                state.Position = 0;
                interrupted = QualityEngine.ReadState(state, Options, clock);
                interrupted.SetThresholds(Thresholds);
            }

            Apply(straight, scenario.Events[i]);
            Apply(interrupted, scenario.Events[i]);
        }

        var expected = JsonSerializer.Serialize(straight.Snapshot());
        var actual = JsonSerializer.Serialize(interrupted.Snapshot());
        return (expected == actual).Label($"split at {split}{Environment.NewLine}{expected}{Environment.NewLine}{actual}");
    }

    [Fact]
    public void State_WithAnotherFormatVersion_IsRefusedWithAClearMessage()
    {
        using var state = new MemoryStream();
        new QualityEngine(Options, TimeProvider.System).WriteState(state);
        state.Position = 4;
        state.Write(BitConverter.GetBytes(99));
        state.Position = 0;

        var error = Assert.Throws<InvalidDataException>(() => QualityEngine.ReadState(state, Options, TimeProvider.System));

        Assert.Contains("format 99 is not supported", error.Message, StringComparison.Ordinal);
    }

    private static readonly ThresholdSet Thresholds = new(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>
    {
        [Metric.Validity] = new Dictionary<string, Threshold> { ["default"] = new("1h", 0.9, 0.8, 0.95, 2, 0) },
        [Metric.Contact] = new Dictionary<string, Threshold> { ["default"] = new("6h", 0.5, 0.3, 0.6, 2, 600) },
    });

    private static QualityEngine Start(TimeProvider clock)
    {
        var engine = new QualityEngine(Options, clock);
        engine.SetThresholds(Thresholds);
        return engine;
    }

    private static void Apply(QualityEngine engine, object e)
    {
        if (e is InspectedLead lead)
        {
            engine.Apply(lead);
        }
        else
        {
            engine.Apply((BuyerFeedback)e);
        }
    }
}
