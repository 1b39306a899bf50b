namespace QualityStream.Core.Snapshots;

public sealed record CellSnapshot(
    string Scope,
    string? BuyerId,
    string? SourceId,
    string Window,
    IReadOnlyDictionary<string, MetricSnapshot> Metrics,
    ReturnBreakdown Returns);
