using QualityStream.Simulator.Incidents;

namespace QualityStream.Simulator.Tests;

public sealed class IncidentTests(IncidentScenario scenario) : IClassFixture<IncidentScenario>
{
    [Fact]
    public void BadPhones_CollapsesTheSourcesValidityOnlyDuringTheWindow()
    {
        var source = scenario.Incident(IncidentKind.BadPhones).SourceId;
        var (during, outside) = scenario.Split(l => l.Get("sourceId") == source);
        var others = scenario.Leads.Where(l => l.Get("sourceId") != source && IncidentScenario.During(l)).ToList();

        Assert.InRange(IncidentScenario.Rate(during, l => Checks.IsValidLead(l.Body)), 0.34, 0.46);
        Assert.InRange(IncidentScenario.Rate(outside, l => Checks.IsValidLead(l.Body)), 0.90, 1.0);
        Assert.InRange(IncidentScenario.Rate(others, l => Checks.IsValidLead(l.Body)), 0.92, 0.98);
    }

    [Fact]
    public void DuplicateStorm_RaisesTheBuyersDuplicateRateDuringTheWindow()
    {
        var buyer = scenario.Incident(IncidentKind.DuplicateStorm).BuyerId;
        var seen = new HashSet<string>();
        var duplicates = new HashSet<string>();
        foreach (var lead in scenario.Leads.Where(l => l.Get("buyerId") == buyer))
        {
            var contact = Checks.Text(lead.Body.GetProperty("consumer"), "email") ?? lead.Get("leadId");
            if (!seen.Add(contact))
            {
                duplicates.Add(lead.Get("leadId"));
            }
        }

        var (during, outside) = scenario.Split(l => l.Get("buyerId") == buyer);
        Assert.InRange(IncidentScenario.Rate(during, l => duplicates.Contains(l.Get("leadId"))), 0.24, 0.36);
        Assert.InRange(IncidentScenario.Rate(outside, l => duplicates.Contains(l.Get("leadId"))), 0.0, 0.06);
    }

    [Fact]
    public void ContactCollapse_DropsTheBuyersContactRateForLeadsDeliveredInTheWindow()
    {
        var buyer = scenario.Incident(IncidentKind.ContactCollapse).BuyerId;
        var (during, outside) = scenario.Split(l => l.Get("buyerId") == buyer);

        Assert.InRange(ContactRate(during), 0.05, 0.15);
        Assert.InRange(ContactRate(outside), 0.35, 0.75);
    }

    [Fact]
    public void ReturnBurst_ReturnsMostOfTheCellsLeadsWithinMinutes()
    {
        var incident = scenario.Incident(IncidentKind.ReturnBurst);
        var (during, outside) = scenario.Split(l => l.Get("buyerId") == incident.BuyerId && l.Get("sourceId") == incident.SourceId);
        bool ReturnedWithin(Emitted lead, TimeSpan span) => scenario.FeedbackByLead[lead.Get("leadId")]
            .Any(f => f.Get("type") == "return" && f.Message.Timestamp - lead.Message.Timestamp <= span);

        Assert.True(during.Count >= 100, $"only {during.Count} leads in the cell");
        Assert.InRange(IncidentScenario.Rate(during, l => ReturnedWithin(l, TimeSpan.FromMinutes(5))), 0.30, 0.50);
        Assert.InRange(IncidentScenario.Rate(outside, l => ReturnedWithin(l, TimeSpan.FromMinutes(5))), 0.0, 0.03);
    }

    [Fact]
    public void Incidents_HitDifferentBuyers()
    {
        var buyers = scenario.Traffic.Generator.Incidents.Select(i => i.BuyerId).OfType<string>().ToList();

        Assert.Equal(3, buyers.Count);
        Assert.Equal(buyers.Count, buyers.Distinct().Count());
    }

    private double ContactRate(List<Emitted> leads)
    {
        var attempted = leads.Where(l => scenario.FeedbackByLead[l.Get("leadId")].Any(f => f.Get("type") == "contact_attempt")).ToList();
        return IncidentScenario.Rate(attempted, l => scenario.FeedbackByLead[l.Get("leadId")].Any(f => Checks.Text(f.Body, "outcome") == "contacted"));
    }
}
