using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

public class EngineMatchesReferenceModelProperties
{
    private static readonly QualityEngineOptions Options = new()
    {
        Windows = ["1h", "6h"],
        DuplicateLookbackDays = 1,
        ReturnWindowDays = new Dictionary<string, int> { ["default"] = 1, ["legal"] = 2 },
        OrphanGraceSeconds = 600,
    };

    [Property(MaxTest = 300, Arbitrary = [typeof(ScenarioGenerator)])]
    public Property EveryRateOfEveryCell_EqualsTheBruteForceRecount(Scenario scenario)
    {
        var (engine, model) = Run(scenario);
        var snapshot = engine.Snapshot();
        var mismatches = new List<string>();
        foreach (var cell in snapshot.Cells)
        {
            Assert.True(Enum.IsDefined(cell.Scope));
            foreach (var metric in Metrics.All)
            {
                var actual = cell.Metrics[metric.Code()];
                var expected = model.Rate(cell.Scope, cell.BuyerId, cell.SourceId, cell.Window, metric);
                if ((actual.Numerator, actual.Denominator) != expected)
                {
                    mismatches.Add($"{cell.Scope} {cell.BuyerId}/{cell.SourceId} {cell.Window} {metric}: engine {actual.Numerator}/{actual.Denominator}, model {expected.Numerator}/{expected.Denominator}");
                }
            }

            if (model.Revenue(cell.Scope, cell.BuyerId, cell.SourceId, cell.Window) is var revenue && revenue != cell.Revenue)
            {
                mismatches.Add($"{cell.Scope} {cell.BuyerId}/{cell.SourceId} {cell.Window} revenue: engine {cell.Revenue}, model {revenue}");
            }

            var reasons = model.InvalidReasons(cell.Scope, cell.BuyerId, cell.SourceId, cell.Window);
            if (!reasons.OrderBy(kv => kv.Key).SequenceEqual(cell.InvalidReasons!.OrderBy(kv => kv.Key)))
            {
                mismatches.Add($"{cell.Scope} {cell.BuyerId}/{cell.SourceId} {cell.Window} invalid reasons: engine {string.Join(",", cell.InvalidReasons!)}, model {string.Join(",", reasons)}");
            }
        }

        foreach (var days in engine.DailyLeads())
        {
            var expected = model.DailyLeads(days.BuyerId);
            if (!expected.SequenceEqual(days.Leads))
            {
                mismatches.Add($"daily leads of {days.BuyerId} to {days.LastDay}: engine {string.Join(",", days.Leads)}, model {string.Join(",", expected)}");
            }
        }

        // Every pair the model knows must exist in the engine, or a cell could silently be missing.
        var pairs = snapshot.Cells.Where(c => c.Scope == CellScope.BuyerSource).Select(c => (c.BuyerId!, c.SourceId!)).ToHashSet();
        mismatches.AddRange(model.Pairs.Where(p => !pairs.Contains(p)).Select(p => $"missing cell {p}"));
        return (mismatches.Count == 0).Label(string.Join(Environment.NewLine, mismatches));
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ScenarioGenerator)])]
    public Property EveryEventOutcome_EqualsTheReferenceModel(Scenario scenario)
    {
        var (engine, model, outcomes, expired) = RunWithOutcomes(scenario);
        return (outcomes.SequenceEqual(model.Outcomes) && expired == model.Expired)
            .Label($"engine {string.Join(",", outcomes)} expired {expired}{Environment.NewLine}model  {string.Join(",", model.Outcomes)} expired {model.Expired}; seq {engine.Seq}");
    }

    private static (QualityEngine Engine, ReferenceModel Model) Run(Scenario scenario)
    {
        var (engine, model, _, _) = RunWithOutcomes(scenario);
        return (engine, model);
    }

    private static (QualityEngine, ReferenceModel, List<ApplyOutcome>, int) RunWithOutcomes(Scenario scenario)
    {
        // The wall clock far ahead of every event: engine time follows the events alone, as the model's does.
        var engine = new QualityEngine(Options, new FakeTimeProvider(ScenarioGenerator.Origin.AddDays(365)));
        var model = new ReferenceModel(Options);
        var outcomes = new List<ApplyOutcome>();
        var expired = new List<ExpiredFeedback>();
        foreach (var e in scenario.Events)
        {
            if (e is InspectedLead lead)
            {
                outcomes.Add(engine.Apply(lead).Outcome);
                model.Deliver(lead);
            }
            else if (e is BuyerFeedback feedback)
            {
                outcomes.Add(engine.Apply(feedback).Outcome);
                model.Feedback(feedback);
            }
        }

        engine.DrainExpiredFeedback(expired);
        return (engine, model, outcomes, expired.Count);
    }
}
