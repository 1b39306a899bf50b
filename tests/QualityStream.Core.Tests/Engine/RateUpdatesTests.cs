using QualityStream.Core.Events;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

public sealed class RateUpdatesTests
{
    [Fact]
    public void Every_rate_update_carries_the_same_rate_fraction_and_state_as_the_snapshot_of_its_cell()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity(minSample: 10));
        h.Deliver(valid: 12, invalid: 8);
        var leads = h.Deliver(valid: 3, buyer: "beta-home", source: "gg-search-2");
        h.Feedback(leads[0], FeedbackType.ContactAttempt, ContactOutcome.Contacted, buyer: "beta-home");

        var updates = h.Engine.CollectRateUpdates();
        var snapshot = h.Engine.Snapshot();

        // Buyer and buyer×source cells of both deliveries' pairs, on both windows, for all four metrics. Source cells are
        // the sums over tasks: a task leaves them to the source stage.
        Assert.Equal(4 * 2 * 4, updates.Length);
        Assert.DoesNotContain(updates, u => u.Scope == CellScope.Source);
        foreach (var update in updates)
        {
            var metric = snapshot.Cells
                .Single(c => c.Scope == update.Scope && c.BuyerId == update.BuyerId && c.SourceId == update.SourceId && c.Window == update.Window)
                .Metrics[update.Metric.Code()];
            Assert.Equal((metric.Rate, metric.Numerator, metric.Denominator, metric.State), (update.Rate, update.Numerator, update.Denominator, update.State));
        }

        // The states the snapshot shows, seen in the updates too: a breach on the threshold's window, "insufficient"
        // below minSample (3 leads of 10), and no state on the windows a threshold does not name.
        Assert.Contains(updates, u => u is { Metric: Metric.Validity, Window: "1h", Scope: CellScope.Buyer, BuyerId: "acme-auto", State: "breach" });
        Assert.Contains(updates, u => u is { Metric: Metric.Validity, Window: "1h", Scope: CellScope.Buyer, BuyerId: "beta-home", State: "insufficient" });
        Assert.All(updates.Where(u => u.Window == "24h" && u.Metric == Metric.Validity), u => Assert.Null(u.State));
    }

    [Fact]
    public void Rate_updates_are_collected_once_until_the_cell_changes_again()
    {
        var h = new EngineHarness();
        h.Deliver(valid: 1);
        Assert.NotEmpty(h.Engine.CollectRateUpdates());

        Assert.Empty(h.Engine.CollectRateUpdates());

        h.Deliver(valid: 1, buyer: "beta-home");
        Assert.All(h.Engine.CollectRateUpdates(), u => Assert.True(u.BuyerId == "beta-home" || u.Scope == CellScope.Source));
    }
}
