namespace QualityStream.Simulator.Incidents;

/// <summary>The rates in force for one delivery, after any incident covering its buyer, source and time.</summary>
internal record struct CellRates(double Validity, double Duplicate, double Contact, double Return, bool BadPhones, bool ReturnBurst)
{
    public static CellRates Apply(CellRates rates, IReadOnlyList<ActiveIncident> incidents, string buyerId, string sourceId, DateTimeOffset at)
    {
        foreach (var incident in incidents)
        {
            if (!incident.Covers(at))
            {
                continue;
            }

            rates = incident.Kind switch
            {
                IncidentKind.BadPhones when incident.SourceId == sourceId => rates with { Validity = incident.Rate, BadPhones = true },
                IncidentKind.DuplicateStorm when incident.BuyerId == buyerId => rates with { Duplicate = incident.Rate },
                IncidentKind.ContactCollapse when incident.BuyerId == buyerId => rates with { Contact = incident.Rate },
                IncidentKind.ReturnBurst when incident.BuyerId == buyerId && incident.SourceId == sourceId =>
                    rates with { Return = incident.Rate, ReturnBurst = true },
                _ => rates,
            };
        }

        return rates;
    }
}
