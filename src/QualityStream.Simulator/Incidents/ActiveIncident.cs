namespace QualityStream.Simulator.Incidents;

/// <summary>An incident resolved to concrete ids and absolute event times (start inclusive, end exclusive).</summary>
public sealed record ActiveIncident(
    IncidentKind Kind,
    string? BuyerId,
    string? SourceId,
    DateTimeOffset Start,
    DateTimeOffset End,
    double Rate)
{
    public bool Covers(DateTimeOffset at) => at >= Start && at < End;
}
