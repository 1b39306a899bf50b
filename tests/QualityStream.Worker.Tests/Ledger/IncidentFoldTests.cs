using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Ledger;

namespace QualityStream.Worker.Tests.Ledger;

public sealed class IncidentFoldTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Changes_OpenEscalateAndClose_KeepTheWorstRateForTheMetricsDirection()
    {
        var record = Fold(
            Change(1, MetricStatus.Ok, MetricStatus.Warning, 0.06, 0),
            Change(2, MetricStatus.Warning, MetricStatus.Breach, 0.14, 60),
            Change(3, MetricStatus.Breach, MetricStatus.Warning, 0.09, 120),
            Change(4, MetricStatus.Warning, MetricStatus.Ok, 0.03, 300, StateChangeReason.NoTraffic));

        Assert.Equal(("closed", "breach", 0.14, 0.03, "no_traffic"), (record.State, record.Worst, record.PeakRate, record.LastRate, record.CloseReason));
        Assert.Equal((At, At.AddSeconds(60), At.AddSeconds(300)), (record.OpenedAt, record.EscalatedAt, record.ClosedAt));
        Assert.Equal(300, record.At(At.AddDays(1)).DurationSeconds);
    }

    [Fact]
    public void AChangeAppliedBefore_ChangesNothing()
    {
        var open = Change(1, MetricStatus.Ok, MetricStatus.Breach, 0.2, 0);
        var stored = IncidentFold.Apply(IncidentFold.Apply(null, open), Change(2, MetricStatus.Breach, MetricStatus.Ok, 0.03, 60));

        Assert.Null(IncidentFold.Apply(stored, open));
    }

    private static IncidentRecord Fold(params QualityStateChanged[] changes) =>
        changes.Aggregate((StoredIncident?)null, IncidentFold.Apply)!.Incident;

    private static QualityStateChanged Change(long seq, MetricStatus from, MetricStatus to, double rate, int second, StateChangeReason reason = StateChangeReason.Rate) =>
        new(seq, "inc-1", Metric.Return, "1h", CellScope.Buyer, "acme-auto", null, from, to, rate, 100, new ThresholdLevels(0.08, 0.12, 0.06), "default",
            At.AddSeconds(second), "p1", reason);
}
