using QualityStream.Core.Snapshots;
using QualityStream.Core.Accounts;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Accounts;

/// <summary>Account shape per buyer, against figures worked out by hand. Defaults: top source 60 %, revenue 25 %, decline 15 %.</summary>
public class AccountHealthTests
{
    private static readonly AccountHealthOptions Options = new();
    private static readonly DateOnly Today = new(2026, 12, 8);

    [Fact]
    public void ABuyerLeaningOnOneSource_HasItsTopShareAndHerfindahlIndex_AndIsWarnedAbove60Percent()
    {
        var health = One(Of([Buyer("acme", 100), Pair("acme", "fb", 70), Pair("acme", "tiktok", 20), Pair("acme", "native", 10)]));

        Assert.Equal(("fb", 0.7), (health.TopSourceId, health.TopSourceShare!.Value));
        Assert.Equal(0.49 + 0.04 + 0.01, health.SourceHhi!.Value, 12);
        Assert.Equal([AccountHealth.SourceConcentration], health.Warnings);
    }

    [Fact]
    public void ABuyerWithSpreadSources_IsNotWarned()
    {
        var health = One(Of([Buyer("acme", 100), Pair("acme", "fb", 50), Pair("acme", "tiktok", 30), Pair("acme", "native", 20)]));

        Assert.Equal(0.25 + 0.09 + 0.04, health.SourceHhi!.Value, 12);
        Assert.Empty(health.Warnings);
    }

    [Fact]
    public void ASmallBuyer_IsNotJudgedOnItsSources()
    {
        var health = One(Of([Buyer("acme", 20), Pair("acme", "fb", 20)]));

        Assert.Equal(1.0, health.TopSourceShare);
        Assert.Empty(health.Warnings);
    }

    [Fact]
    public void RevenueShare_IsOverEveryBuyer_AndWarnsAbove25Percent()
    {
        var all = Of([Buyer("acme", 100, revenue: 300m), Buyer("bolt", 100, revenue: 100m), Buyer("cedar", 100, revenue: 100m)]);

        Assert.Equal([("acme", 0.6), ("bolt", 0.2), ("cedar", 0.2)], all.Select(h => (h.BuyerId, h.RevenueShare!.Value)));
        Assert.Equal([AccountHealth.RevenueConcentration], all.Single(h => h.BuyerId == "acme").Warnings);
        Assert.Empty(all.Single(h => h.BuyerId == "bolt").Warnings);
    }

    [Fact]
    public void NoRevenueAnywhere_HasNoShare()
    {
        Assert.Null(One(Of([Buyer("acme", 100)])).RevenueShare);
    }

    [Theory]
    [InlineData(new long[] { 520, 500, 420, 350 }, true)]   // two cuts in a row, 30 % in all: the churn sign
    [InlineData(new long[] { 520, 500, 480, 470 }, false)]  // two cuts, 6 % in all: noise
    [InlineData(new long[] { 520, 500, 300, 400 }, false)]  // one bad week, then back up
    [InlineData(new long[] { 50, 40, 30, 20 }, false)]      // too few leads to judge
    public void WeeklyVolume_TwoDeclinesInARowAddingUpTo15Percent_WarnOfChurn(long[] weeks, bool warned)
    {
        var days = new BuyerDays("acme", Today, Days(weeks, today: 33));

        var health = One(AccountHealth.Of([Buyer("acme", 100)], "24h", [days], Options));

        Assert.Equal(weeks, health.WeeklyLeads);
        Assert.Equal(((double)weeks[3] / weeks[2]) - 1, health.VolumeChange!.Value, 12);
        Assert.Equal(warned, health.Warnings.Contains(AccountHealth.VolumeDecline));
    }

    private static BuyerHealth One(IReadOnlyList<BuyerHealth> all) => Assert.Single(all);

    private static IReadOnlyList<BuyerHealth> Of(CellSnapshot[] cells) => AccountHealth.Of(cells, "24h", [], Options);

    /// <summary>29 days: each week's leads spread over its 7 days (the remainder on its first), then the day in progress.</summary>
    private static long[] Days(long[] weeks, long today) =>
        [.. weeks.SelectMany(w => Enumerable.Range(0, 7).Select(d => (w / 7) + (d == 0 ? w % 7 : 0))), today];

    private static CellSnapshot Buyer(string buyer, long leads, decimal revenue = 0) => Cell(CellScope.Buyer, buyer, null, leads, revenue);

    private static CellSnapshot Pair(string buyer, string source, long leads) => Cell(CellScope.BuyerSource, buyer, source, leads, 0);

    private static CellSnapshot Cell(CellScope scope, string buyer, string? source, long leads, decimal revenue) =>
        new(scope, buyer, source, "24h",
            new Dictionary<string, MetricSnapshot> { ["validity"] = new(1, leads, leads, null, null, null) },
            new ReturnBreakdown(new Dictionary<string, long>(), new Dictionary<string, long>(), 0), null, revenue);
}
