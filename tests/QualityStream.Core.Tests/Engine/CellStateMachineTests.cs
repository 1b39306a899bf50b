using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>
/// docs/contract.md §5 on a fake clock. Validity thresholds here: warn 0.90, breach 0.80, clear 0.95, and no confidence
/// (<see cref="CellConfidenceTests"/> specifies it), so a few leads cross a level.
/// </summary>
public class CellStateMachineTests
{
    [Fact]
    public void ValidityRate_BelowBreachWithNoPendingTime_MovesToBreachAndOpensAnIncident()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());

        h.Deliver(valid: 7, invalid: 3);

        var change = Assert.Single(h.Changes, c => c.Scope == CellScope.Buyer);
        Assert.Equal((MetricStatus.Ok, MetricStatus.Breach, 0.7, 10L), (change.From, change.To, change.Rate!.Value, change.Sample));
        Assert.StartsWith("inc-", change.IncidentId, StringComparison.Ordinal);
        Assert.Equal("default", change.ThresholdScope);
        Assert.Equal((0.90, 0.80, 0.95), (change.Threshold.Warn, change.Threshold.Breach, change.Threshold.Clear));
        Assert.Contains(h.Engine.Snapshot().Incidents, i => i.IncidentId == change.IncidentId && i.State == MetricStatus.Breach);
    }

    [Fact]
    public void IncidentId_IsTheHashOfTheIncidentsIdentity_SoReplaysAndEarlierVersionsNameItAlike()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());

        h.Deliver(valid: 7, invalid: 3);

        var change = Assert.Single(h.Changes, c => c.Scope == CellScope.Buyer);
        var identity = $"buyer|{change.BuyerId}||validity|{change.Window}|{change.At.ToUnixTimeSeconds()}";
        var expected = "inc-" + System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(identity))
            .ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, change.IncidentId);
    }

    [Fact]
    public void ValidityRate_BelowWarnForLessThanPendingTime_StaysOk()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity(pendingSeconds: 300));

        h.Deliver(valid: 17, invalid: 3);
        h.Wait(TimeSpan.FromSeconds(299));

        Assert.Empty(h.Changes);
        Assert.Equal("ok", h.Metric(Metric.Validity).State);
    }

    [Fact]
    public void ValidityRate_BelowWarnForThePendingTime_MovesToWarningOnATickWithoutNewEvents()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity(pendingSeconds: 300));

        h.Deliver(valid: 17, invalid: 3);
        h.Wait(TimeSpan.FromSeconds(300));

        Assert.Contains(h.Changes, c => c.Scope == CellScope.Buyer && c.From == MetricStatus.Ok && c.To == MetricStatus.Warning && c.Rate == 0.85);
    }

    [Fact]
    public void ValidityRate_RecoveringDuringThePendingTime_RestartsTheTimer()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity(pendingSeconds: 300));

        h.Deliver(valid: 17, invalid: 3);          // 85%: beyond warn
        h.Wait(TimeSpan.FromSeconds(200));
        h.Deliver(valid: 40);                       // 95%: back to normal
        h.Deliver(valid: 0, invalid: 10);           // 57/70 = 81%: beyond warn again, timer restarts
        h.Wait(TimeSpan.FromSeconds(200));

        Assert.DoesNotContain(h.Changes, c => c.Scope == CellScope.Buyer);
    }

    [Fact]
    public void WarningCell_RateBetweenWarnAndClear_StaysWarningWithoutFlapping()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());
        h.Deliver(valid: 17, invalid: 3);           // 85%: warning

        for (var i = 0; i < 10; i++)
        {
            h.Deliver(valid: 2);                    // creeps up through 0.90 .. 0.93, never reaching clear 0.95
        }

        Assert.True(h.Metric(Metric.Validity).Rate > 0.90);
        Assert.Single(h.Changes, c => c.Scope == CellScope.Buyer);
        Assert.Equal("warning", h.Metric(Metric.Validity).State);
    }

    [Fact]
    public void WarningCell_RateBackPastClear_ReturnsToOkAndClosesTheIncident()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());
        h.Deliver(valid: 17, invalid: 3);

        h.Deliver(valid: 40);                       // 57/60 = 95%: exactly clear counts as recovered

        var changes = h.Changes.Where(c => c.Scope == CellScope.Buyer).ToList();
        Assert.Equal([(MetricStatus.Ok, MetricStatus.Warning), (MetricStatus.Warning, MetricStatus.Ok)], changes.Select(c => (c.From, c.To)));
        Assert.Equal(changes[0].IncidentId, changes[1].IncidentId);
        Assert.Empty(h.Engine.Snapshot().Incidents);
    }

    [Fact]
    public void BreachCell_RateNoLongerBeyondBreachButShortOfClear_BecomesWarningInTheSameIncident()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());
        h.Deliver(valid: 7, invalid: 3);            // 70%: breach

        h.Deliver(valid: 10);                       // 85%: between breach and clear

        var changes = h.Changes.Where(c => c.Scope == CellScope.Buyer).ToList();
        Assert.Equal([(MetricStatus.Ok, MetricStatus.Breach), (MetricStatus.Breach, MetricStatus.Warning)], changes.Select(c => (c.From, c.To)));
        Assert.Single(changes.Select(c => c.IncidentId).Distinct());
    }

    [Fact]
    public void NewEpisode_AfterRecovery_GetsANewIncidentId()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());
        h.Deliver(valid: 7, invalid: 3);
        h.Deliver(valid: 200);
        h.Wait(TimeSpan.FromMinutes(30));

        h.Deliver(valid: 0, invalid: 300);

        var opened = h.Changes.Where(c => c.Scope == CellScope.Buyer && c.From == MetricStatus.Ok).Select(c => c.IncidentId).ToList();
        Assert.Equal(2, opened.Count);
        Assert.NotEqual(opened[0], opened[1]);
    }

    [Fact]
    public void Rate_BelowMinSample_IsInsufficientAndNeverAlerts()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity(minSample: 50));

        h.Deliver(valid: 0, invalid: 49);

        Assert.Empty(h.Changes);
        var metric = h.Metric(Metric.Validity);
        Assert.Equal(("insufficient", "ok", 0.0), (metric.State, metric.HeldState, metric.Rate));
    }

    [Fact]
    public void BreachCell_FallingBelowMinSample_HoldsItsStateAsStale()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity(minSample: 10));
        h.Deliver(valid: 5, invalid: 5);
        h.Wait(TimeSpan.FromMinutes(30));
        h.Deliver(valid: 1);

        h.Wait(TimeSpan.FromMinutes(31));           // the first ten leads have left the 1h window, one is left

        var metric = h.Metric(Metric.Validity);
        Assert.Equal(("insufficient", "breach", 1.0), (metric.State, metric.HeldState, metric.Rate));
        Assert.DoesNotContain(h.Changes, c => c.To == MetricStatus.Ok);
    }

    [Fact]
    public void BreachCell_WhoseWindowNoLongerHoldsAnyLead_ClosesItsIncidentForWantOfTraffic()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity(minSample: 10));
        h.Deliver(valid: 5, invalid: 5);
        var opened = Assert.Single(h.Changes, c => c.Scope == CellScope.Buyer);

        h.Wait(TimeSpan.FromMinutes(61));           // every lead has left the 1h window

        var closed = h.Changes.Last(c => c.Scope == CellScope.Buyer);
        Assert.Equal((MetricStatus.Breach, MetricStatus.Ok, StateChangeReason.NoTraffic, opened.IncidentId, 0L),
            (closed.From, closed.To, closed.Reason, closed.IncidentId, closed.Sample));
        Assert.Equal(h.Clock.GetUtcNow().AddMinutes(-1), closed.At);
        Assert.Empty(h.Engine.Snapshot().Incidents);
        Assert.Equal(("insufficient", "ok"), (h.Metric(Metric.Validity).State, h.Metric(Metric.Validity).HeldState));
    }

    [Fact]
    public void Seq_IncreasesByOnePerChangeAcrossAllCells()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());

        h.Deliver(valid: 7, invalid: 3);
        h.Deliver(valid: 200);

        Assert.Equal(Enumerable.Range(1, h.Changes.Count).Select(i => (long)i), h.Changes.Select(c => c.Seq));
        // Each of buyer and buyer×source: ok>breach, then breach>warning and warning>ok as valid leads pile up. (Source
        // cells are judged on the sums over tasks, by the source stage.)
        Assert.Equal(6, h.Changes.Count);
        Assert.Equal(6, h.Engine.Seq);
    }

    [Fact]
    public void QuietBuyer_WindowsStillSlideOnWallClockTicks()
    {
        var h = new EngineHarness();
        h.Deliver(valid: 10);

        h.Wait(TimeSpan.FromMinutes(59));
        Assert.Equal(10, h.Metric(Metric.Validity).Denominator);
        h.Wait(TimeSpan.FromMinutes(1));

        Assert.Equal(0, h.Metric(Metric.Validity).Denominator);
        Assert.Null(h.Metric(Metric.Validity).Rate);
        Assert.Equal(10, h.Metric(Metric.Validity, window: "24h").Denominator);
    }

    [Fact]
    public void ThresholdChange_ChangesACellStateAtOnce()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());
        h.Deliver(valid: 92, invalid: 8);
        Assert.Empty(h.Changes);

        h.SetThreshold(Metric.Validity, new Threshold("1h", 0.95, 0.93, 0.97, 10, 0, Confidence: 0));

        Assert.Contains(h.Changes, c => c.Scope == CellScope.Buyer && c.To == MetricStatus.Breach && c.Threshold.Breach == 0.93);
    }

    [Fact]
    public void MostSpecificThreshold_IsUsedAndNamedInTheChange()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity(), scope: "buyer:acme-auto|source:fb-camp-7");

        h.Deliver(valid: 7, invalid: 3);

        var change = Assert.Single(h.Changes);
        Assert.Equal((CellScope.BuyerSource, "buyer:acme-auto|source:fb-camp-7"), (change.Scope, change.ThresholdScope));
    }

    [Fact]
    public void WindowsOtherThanTheThresholds_ShowRatesWithNullState()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());
        h.Deliver(valid: 10);

        var other = h.Metric(Metric.Validity, window: "24h");

        Assert.Equal((1.0, (string?)null, (object?)null), (other.Rate!.Value, other.State, (object?)other.Threshold));
        Assert.Equal("ok", h.Metric(Metric.Validity).State);
    }
}
