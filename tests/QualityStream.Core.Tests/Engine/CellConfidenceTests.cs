using QualityStream.Core.Snapshots;
using QualityStream.Core.Statistics;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>
/// docs/contract.md §4 <c>confidence</c> and §5: a level counts as crossed only when the rate's Wilson interval lies entirely
/// beyond it; leaving goes by the rate itself. Validity levels warn 0.90, breach 0.80, clear 0.95, confidence 0.95.
/// </summary>
public class CellConfidenceTests
{
    private static EngineHarness Gated(double confidence = 0.95)
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity(confidence: confidence));
        return h;
    }

    [Fact]
    public void SmallCell_RateBelowWarnButIntervalReachingAboveIt_StaysOk()
    {
        var h = Gated();

        h.Deliver(valid: 17, invalid: 3);           // 85% of 20: the interval reaches well above 90%

        Assert.DoesNotContain(h.Changes, c => c.Scope == CellScope.Buyer);
        var validity = h.Metric(Metric.Validity);
        Assert.Equal("ok", validity.State);
        Assert.True(validity.Interval!.High > 0.90, $"interval {validity.Interval}");
    }

    [Fact]
    public void SameRateOnALargeSample_IsSurelyBelowWarn_AndMovesToWarning()
    {
        var h = Gated();

        h.Deliver(valid: 340, invalid: 60);         // 85% of 400: the interval lies below 90% but not below 80%

        var change = Assert.Single(h.Changes, c => c.Scope == CellScope.Buyer);
        Assert.Equal((MetricStatus.Ok, MetricStatus.Warning), (change.From, change.To));
    }

    [Fact]
    public void SmallCellFarBelowBreach_IsOnlyWarned_WhileItsIntervalStillReachesAboveBreach()
    {
        var h = Gated();

        h.Deliver(valid: 7, invalid: 3);            // 70% of 10: the interval lies below 90% but reaches above 80%

        var change = Assert.Single(h.Changes, c => c.Scope == CellScope.Buyer);
        Assert.Equal((MetricStatus.Ok, MetricStatus.Warning), (change.From, change.To));
    }

    [Fact]
    public void LargeCellBelowBreach_MovesToBreach()
    {
        var h = Gated();

        h.Deliver(valid: 280, invalid: 120);        // 70% of 400

        Assert.Equal("breach", h.Metric(Metric.Validity).State);
        Assert.Equal(MetricStatus.Breach, h.Changes.Last(c => c.Scope == CellScope.Buyer).To);
    }

    [Fact]
    public void BreachCell_LeavesByItsRate_NotByItsInterval()
    {
        var h = Gated();
        h.Deliver(valid: 280, invalid: 120);        // 70%: breach

        Assert.Equal("breach", h.Metric(Metric.Validity).State);

        h.Deliver(valid: 400);                      // 85%: no longer beyond breach, though not surely above it
        Assert.Equal("warning", h.Metric(Metric.Validity).State);
        Assert.True(h.Metric(Metric.Validity).Interval!.Low < 0.90);

        h.Deliver(valid: 1_600);                    // 95%: back at clear, though not surely above it
        Assert.Equal("ok", h.Metric(Metric.Validity).State);
        Assert.True(h.Metric(Metric.Validity).Interval!.Low < 0.95);

        var changes = h.Changes.Where(c => c.Scope == CellScope.Buyer).ToList();
        Assert.Equal((MetricStatus.Warning, MetricStatus.Ok), (changes[^1].From, changes[^1].To));
        Assert.Single(changes.Select(c => c.IncidentId).Distinct());
    }

    [Fact]
    public void ZeroConfidence_CrossesOnTheRateAlone()
    {
        var h = Gated(confidence: 0);

        h.Deliver(valid: 17, invalid: 3);

        var change = Assert.Single(h.Changes, c => c.Scope == CellScope.Buyer);
        Assert.Equal((MetricStatus.Ok, MetricStatus.Warning), (change.From, change.To));
        Assert.Null(h.Metric(Metric.Validity).Interval);
    }

    [Fact]
    public void Snapshot_ShowsTheIntervalTheStateIsJudgedBy_OnTheThresholdsWindowOnly()
    {
        var h = Gated(confidence: 0.9);

        h.Deliver(valid: 17, invalid: 3);

        var (low, high) = WilsonInterval.Of(17, 20, WilsonInterval.Z(0.9));
        Assert.Equal(new ConfidenceInterval(low, high, 0.9), h.Metric(Metric.Validity).Interval);
        Assert.Null(h.Metric(Metric.Validity, window: "24h").Interval);
    }
}
