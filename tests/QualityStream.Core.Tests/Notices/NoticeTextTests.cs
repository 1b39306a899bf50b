using QualityStream.Core.Notices;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Notices;

public class NoticeTextTests
{
    [Fact]
    public void Breach_LowIsBadSourceCell_MatchesContractExample() =>
        Assert.Equal(
            "Contact rate on leads from fb-camp-7 fell to 37% over the last hour (expected at least 40%). We are investigating and will update you.",
            NoticeText.Breach(Metric.Contact, "fb-camp-7", 0.37, 0.40, "1h"));

    [Fact]
    public void Breach_BuyerCell_SaysYourLeads() =>
        Assert.Equal(
            "Validity rate on your leads fell to 80% over the last 24 hours (expected at least 85%). We are investigating and will update you.",
            NoticeText.Breach(Metric.Validity, null, 0.80, 0.85, "24h"));

    [Fact]
    public void Breach_HighIsBad_SaysRoseAndAtMost() =>
        Assert.Equal(
            "Duplicate rate on leads from s1 rose to 14% over the last 30 minutes (expected at most 10%). We are investigating and will update you.",
            NoticeText.Breach(Metric.Duplicate, "s1", 0.14, 0.10, "30m"));

    [Fact]
    public void Breach_SmallRate_ShowsOneDecimal() =>
        Assert.Equal(
            "Return rate on your leads rose to 12% over the last 7 days (expected at most 8.5%). We are investigating and will update you.",
            NoticeText.Breach(Metric.Return, null, 0.12, 0.085, "7d"));

    [Fact]
    public void Breach_RateRoundingToLevel_ShowsOneDecimalForBoth() =>
        Assert.Equal(
            "Contact rate on your leads fell to 39.6% over the last hour (expected at least 40.0%). We are investigating and will update you.",
            NoticeText.Breach(Metric.Contact, null, 0.396, 0.40, "1h"));

    [Fact]
    public void Breach_NoRate_SaysOutsideRange() =>
        Assert.Equal(
            "Contact rate on your leads is outside its expected range over the last hour (expected at least 40%). We are investigating and will update you.",
            NoticeText.Breach(Metric.Contact, null, null, 0.40, "1h"));

    [Fact]
    public void Recovered_SourceCell_MatchesBriefExample() =>
        Assert.Equal(
            "Contact rate on leads from fb-camp-7 is back to 58% over the last hour after 2 h 15 min. Thank you for your patience.",
            NoticeText.Recovered(Metric.Contact, "fb-camp-7", 0.58, "1h", new TimeSpan(2, 15, 40)));

    [Fact]
    public void Recovered_BuyerCell_SaysYourLeads() =>
        Assert.Equal(
            "Return rate on your leads is back to 5.5% over the last 24 hours after 1 d 3 h. Thank you for your patience.",
            NoticeText.Recovered(Metric.Return, null, 0.055, "24h", new TimeSpan(1, 3, 20, 0)));

    [Fact]
    public void NoTraffic_SourceCell_SaysDeliveriesStoppedAndTheIncidentClosed() =>
        Assert.Equal(
            "Deliveries of leads from fb-camp-7 stopped: none came over the last hour, so we have closed the contact-rate incident opened 2 h 15 min ago. "
            + "We will tell you if it recurs once deliveries resume.",
            NoticeText.NoTraffic(Metric.Contact, "fb-camp-7", "1h", new TimeSpan(2, 15, 40)));

    [Fact]
    public void NoTraffic_BuyerCell_SaysDeliveriesToYouStopped() =>
        Assert.Equal(
            "Deliveries to you stopped: none came over the last 24 hours, so we have closed the return-rate incident opened 1 d 3 h ago. "
            + "We will tell you if it recurs once deliveries resume.",
            NoticeText.NoTraffic(Metric.Return, null, "24h", new TimeSpan(1, 3, 20, 0)));

    [Fact]
    public void NoTraffic_EachMetric_NamesItsIncident() =>
        Assert.All(
            Metrics.All.Zip(["validity-rate", "duplicate-rate", "contact-rate", "return-rate"]),
            m => Assert.Contains($"closed the {m.Second} incident", NoticeText.NoTraffic(m.First, null, "1h", TimeSpan.FromMinutes(5)), StringComparison.Ordinal));

    [Theory]
    [InlineData(0.37, "37%")]
    [InlineData(0.125, "13%")]
    [InlineData(0.1, "10%")]
    [InlineData(0.055, "5.5%")]
    [InlineData(0.05, "5%")]
    [InlineData(0.0996, "10%")]
    [InlineData(0, "0%")]
    [InlineData(1, "100%")]
    public void Percent_RoundsToWholeOrOneDecimalUnderTen(double rate, string expected) =>
        Assert.Equal(expected, NoticeText.Percent(rate));

    [Theory]
    [InlineData("1h", "the last hour")]
    [InlineData("24h", "the last 24 hours")]
    [InlineData("30m", "the last 30 minutes")]
    [InlineData("7d", "the last 7 days")]
    [InlineData("1d", "the last day")]
    [InlineData("90s", "the last 90 seconds")]
    [InlineData("week", "the last week")]
    public void WindowPhrase_ReadsNaturally(string window, string expected) =>
        Assert.Equal(expected, NoticeText.WindowPhrase(window));

    [Theory]
    [InlineData(40, "40 s")]
    [InlineData(5 * 60 + 59, "5 min")]
    [InlineData(2 * 3600, "2 h")]
    [InlineData(2 * 3600 + 15 * 60, "2 h 15 min")]
    [InlineData(86400, "1 d")]
    [InlineData(-5, "0 s")]
    public void Duration_UsesAtMostTwoUnits(int seconds, string expected) =>
        Assert.Equal(expected, NoticeText.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Merged_SeveralMessages_CountsAndJoins() =>
        Assert.Equal("2 updates: A. B.", NoticeText.Merged(["A.", "B."]));

    [Fact]
    public void MetricName_EachMetric_IsPlainEnglish() =>
        Assert.Equal(["Validity rate", "Duplicate rate", "Contact rate", "Return rate"], Metrics.All.Select(NoticeText.MetricName));
}
