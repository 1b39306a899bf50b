namespace QualityStream.Core.Snapshots;

public sealed record IncidentSnapshot(
    string IncidentId,
    string Metric,
    string Window,
    string Scope,
    string? BuyerId,
    string? SourceId,
    string State,
    DateTimeOffset OpenedAt);
