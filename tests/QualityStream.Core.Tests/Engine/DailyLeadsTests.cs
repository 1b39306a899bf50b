using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>Each buyer's deliveries per UTC day, four whole weeks and today, surviving a checkpoint.</summary>
public class DailyLeadsTests
{
    [Fact]
    public void DeliveriesCountOnTheirDay_AndDaysOlderThanFourWeeksBeforeTodayAreForgotten()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());
        h.Deliver(valid: 3);
        h.Wait(TimeSpan.FromDays(1));
        h.Deliver(valid: 2);

        var days = Assert.Single(h.Engine.DailyLeads());
        Assert.Equal(29, days.Leads.Count);
        Assert.Equal([3L, 2L], days.Leads.TakeLast(2));
        Assert.Equal(DateOnly.FromDateTime(h.Clock.GetUtcNow().UtcDateTime), days.LastDay);

        h.Wait(TimeSpan.FromDays(28));
        h.Deliver(valid: 1);

        days = Assert.Single(h.Engine.DailyLeads());
        Assert.Equal(2, days.Leads[0]);
        Assert.Equal(1, days.Leads[^1]);
        Assert.Equal(3, days.Leads.Sum());
    }

    [Fact]
    public void DailyLeads_SurviveACheckpoint()
    {
        var h = new EngineHarness();
        h.SetThreshold(Metric.Validity, EngineHarness.Validity());
        h.Deliver(valid: 3);
        h.Wait(TimeSpan.FromDays(2));
        h.Deliver(valid: 4, buyer: "bolt-legal");

        using var state = new MemoryStream();
        h.Engine.WriteState(state);
        state.Position = 0;
        var restored = Core.Engine.QualityEngine.ReadState(state, new Core.Engine.QualityEngineOptions(), h.Clock, "p0");

        Assert.Equal(
            h.Engine.DailyLeads().Select(d => (d.BuyerId, d.LastDay, string.Join(",", d.Leads))),
            restored.DailyLeads().Select(d => (d.BuyerId, d.LastDay, string.Join(",", d.Leads))));
    }
}
