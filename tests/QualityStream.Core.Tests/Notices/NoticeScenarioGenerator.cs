using FsCheck;
using FsCheck.Fluent;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Notices;

/// <summary>
/// Few buyers and a handful of concurrent incidents, so that limits are hit and notices held and merged: incidents
/// open, move between warning and breach, close for a rate or for want of traffic; source cells mixed in; engine time
/// that stands still, creeps and jumps.
/// </summary>
public static class NoticeScenarioGenerator
{
    public static readonly DateTimeOffset Origin = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private const int Slots = 5;
    private static readonly string[] Buyers = ["acme-auto", "bolt-legal"];
    private static readonly string?[] Sources = [null, "fb-camp-7", "google-3"];
    private static readonly MetricStatus[] Statuses = [MetricStatus.Ok, MetricStatus.Warning, MetricStatus.Breach];

    public static Arbitrary<NoticeScenario> Scenarios() => Arb.From(Gen.Sized(size =>
        from steps in Gen.ListOf(Step(), Math.Max(1, size * 2))
        select Build(steps)));

    private static Gen<(bool Advance, int Slot, int To, int Buyer, int Source, int Delta, bool NoTraffic)> Step() =>
        from advance in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from slot in Gen.Choose(0, Slots - 1)
        from to in Gen.Choose(0, Statuses.Length - 1)
        from buyer in Gen.Choose(0, Buyers.Length - 1)
        from source in Gen.Choose(0, Sources.Length)
        from delta in Gen.Frequency((3, Gen.Constant(0)), (6, Gen.Choose(1, 300)), (1, Gen.Choose(600, 3600)))
        from noTraffic in Gen.Elements(false, true)
        select (advance, slot, to, buyer, source, delta, noTraffic);

    private static NoticeScenario Build(IList<(bool Advance, int Slot, int To, int Buyer, int Source, int Delta, bool NoTraffic)> raw)
    {
        var open = new (string Id, MetricStatus Status, string? Buyer, string? Source)[Slots];
        Array.Fill(open, ("", MetricStatus.Ok, null, null));
        var steps = new List<NoticeStep>();
        var clock = Origin;
        var incidents = 0;
        foreach (var s in raw)
        {
            clock = clock.AddSeconds(s.Delta);
            var to = Statuses[s.To];
            if (s.Advance || to == open[s.Slot].Status)
            {
                steps.Add(new NoticeStep(null, clock));
                continue;
            }

            if (open[s.Slot].Status == MetricStatus.Ok)
            {
                // The last source choice stands for a source cell, which has no buyer.
                var sourceCell = s.Source == Sources.Length;
                open[s.Slot] = ($"inc-{++incidents}", MetricStatus.Ok, sourceCell ? null : Buyers[s.Buyer], sourceCell ? "fb-camp-7" : Sources[s.Source]);
            }

            var (id, from, buyer, source) = open[s.Slot];
            var noTraffic = to == MetricStatus.Ok && s.NoTraffic;
            steps.Add(new NoticeStep(new QualityStateChanged(
                Seq: steps.Count,
                IncidentId: id,
                Metric: Metrics.All[s.Slot % Metrics.All.Count],
                Window: "1h",
                Scope: buyer is null ? CellScope.Source : source is null ? CellScope.Buyer : CellScope.BuyerSource,
                BuyerId: buyer,
                SourceId: source,
                From: from,
                To: to,
                Rate: noTraffic ? null : 0.3 + 0.1 * s.To,
                Sample: noTraffic ? 0 : 50,
                Threshold: new ThresholdLevels(0.5, 0.4, 0.55),
                ThresholdScope: "default",
                At: clock,
                Reason: noTraffic ? StateChangeReason.NoTraffic : StateChangeReason.Rate), clock));
            open[s.Slot] = (id, to, buyer, source);
        }

        return new NoticeScenario(steps);
    }
}
