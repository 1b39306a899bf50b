using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Snapshots;

public sealed record IncidentSnapshot(
    string IncidentId,
    Metric Metric,
    string Window,
    CellScope Scope,
    string? BuyerId,
    string? SourceId,
    MetricStatus State,
    DateTimeOffset OpenedAt);
