namespace QualityStream.Worker.Ledger;

/// <summary><c>GET /api/incidents</c>: newest opened first.</summary>
public sealed record IncidentListing(IReadOnlyList<IncidentRecord> Incidents);
