namespace QualityStream.Simulator.Tests;

public sealed class BaselineTests
{
    private static readonly Traffic Sample = new Traffic().Run(1000, 10, TimeSpan.FromSeconds(1));

    [Fact]
    public void Validity_Over10kLeads_IsCloseToTheSourcesBaseline()
    {
        var deliveries = Sample.Deliveries.ToList();
        var expected = deliveries.Average(d => Sample.Generator.Market.Source(d.Get("sourceId")).Validity);

        var actual = deliveries.Count(d => Checks.IsValidLead(d.Body)) / (double)deliveries.Count;

        Assert.Equal(10_000, deliveries.Count);
        Assert.InRange(expected, 0.93, 0.97);
        Assert.InRange(actual, expected - 0.01, expected + 0.01);
    }

    [Fact]
    public void Duplicates_PerBuyer_AreAboutTwoPercent()
    {
        var seen = new HashSet<(string Buyer, string Contact)>();
        var duplicates = 0;
        foreach (var d in Sample.Deliveries)
        {
            var buyer = d.Get("buyerId");
            var consumer = d.Body.GetProperty("consumer");
            var contacts = new[] { Checks.Text(consumer, "phone"), Checks.Text(consumer, "email") }.OfType<string>().ToList();
            duplicates += contacts.Any(c => seen.Contains((buyer, c))) ? 1 : 0;
            contacts.ForEach(c => seen.Add((buyer, c)));
        }

        Assert.InRange(duplicates / 10_000.0, 0.012, 0.028);
    }

    [Fact]
    public void ValidLeadPhones_AreValidUsNumbersToLibphonenumber()
    {
        var phones = Sample.Deliveries.Where(d => Checks.IsValidLead(d.Body))
            .Select(d => Checks.Text(d.Body.GetProperty("consumer"), "phone")).OfType<string>().ToList();

        Assert.True(phones.Count > 9000);
        Assert.All(phones, p => Assert.True(Checks.IsValidUsPhone(p), p));
        Assert.All(phones, p => Assert.Matches(@"^\+1[2-9]\d\d[2-9]\d{6}$", p));
    }

    [Fact]
    public void ContactAndReturnRates_AfterFeedbackArrives_AreInTheDomainRanges()
    {
        var traffic = new Traffic().Run(300, 10, TimeSpan.FromSeconds(1)).Drain(TimeSpan.FromDays(14), TimeSpan.FromMinutes(30));
        var feedback = traffic.Feedback.ToList();
        var attempted = feedback.Where(f => f.Get("type") == "contact_attempt").Select(f => f.Get("leadId")).ToHashSet();
        var contacted = feedback.Where(f => Checks.Text(f.Body, "outcome") == "contacted").Select(f => f.Get("leadId")).ToHashSet();
        var returned = feedback.Where(f => f.Get("type") == "return").Select(f => f.Get("leadId")).ToHashSet();

        Assert.InRange(contacted.Count / (double)attempted.Count, 0.40, 0.70);
        Assert.InRange(returned.Count / 3000.0, 0.03, 0.08);
        Assert.InRange(attempted.Count / 3000.0, 0.80, 0.95);
    }

    [Fact]
    public void Buyers_HaveTheirOwnBaselinesAndAMainSource()
    {
        var market = Sample.Generator.Market;

        Assert.Equal(20, market.Buyers.Count);
        Assert.Equal(30, market.Sources.Count);
        Assert.Equal(20, market.Buyers.Select(b => b.BuyerId).Distinct().Count());
        Assert.All(market.Buyers, b =>
        {
            Assert.InRange(b.ContactRate, 0.40, 0.70);
            Assert.InRange(b.Sources[0].Share, 0.30, 0.60);
            Assert.Equal(1.0, b.Sources.Sum(s => s.Share), 6);
        });
        Assert.True(market.Buyers.Select(b => b.ContactRate).Distinct().Count() == 20);
    }
}
