using QualityStream.Core.Thresholds;
using QualityStream.Worker.Ledger;

namespace QualityStream.Worker.Tests.Ledger;

public sealed class TrustTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 7, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.9)]
    [InlineData(2, 0.75)]
    [InlineData(3, 0.5)]
    [InlineData(4, 0.25)]
    [InlineData(5, 0.0)]
    [InlineData(9, 0.0)]
    public void TrustTable_MapsIncidentCounts_AsTheDomainTableSays(int incidents, double trust) =>
        Assert.Equal(trust, TrustTable.For(incidents).Trust);

    [Fact]
    public void TrustCount_CountsOverlappingIncidentsOfOneMetricOnce_AndSkipsWarningsSourcesAndOldOnes()
    {
        IncidentRecord[] incidents =
        [
            Incident("a1", CellScope.Buyer, Metric.Contact, Now.AddHours(-5), Now.AddHours(-2), breached: true),
            Incident("a2", CellScope.BuyerSource, Metric.Contact, Now.AddHours(-4), Now.AddHours(-3), breached: true),
            Incident("a3", CellScope.Buyer, Metric.Contact, Now.AddHours(-1), null, breached: true),
            Incident("a4", CellScope.Buyer, Metric.Validity, Now.AddHours(-4), Now.AddHours(-3), breached: true),
            Incident("a5", CellScope.Buyer, Metric.Return, Now.AddHours(-4), null, breached: false),
            Incident("a6", CellScope.Source, Metric.Duplicate, Now.AddHours(-4), null, breached: true),
            Incident("a7", CellScope.Buyer, Metric.Duplicate, Now.AddDays(-91), Now.AddDays(-90.5), breached: true),
        ];

        Assert.Equal(3, TrustCount.ByBuyer(incidents, Now)["acme-auto"]);
    }

    [Fact]
    public void DefaultReviewStart_IsYesterdayAtTheOvernightHour_InTheBoardsTimeZone()
    {
        var options = new ReviewOptions { TimeZone = "America/Chicago", OvernightFrom = "18:00" };

        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero), options.DefaultSince(Now));
    }

    private static IncidentRecord Incident(string id, CellScope scope, Metric metric, DateTimeOffset opened, DateTimeOffset? closed, bool breached) =>
        new(id, metric, "1h", scope, scope == CellScope.Source ? null : "acme-auto", scope == CellScope.Buyer ? null : "fb-camp-7",
            closed is null ? (breached ? "breach" : "warning") : "closed", breached ? "breach" : "warning", opened, breached ? opened : null, closed,
            0, 0.3, 0.3, 100, new ThresholdLevels(0.5, 0.4, 0.55), "default", closed is null ? null : "rate");
}
