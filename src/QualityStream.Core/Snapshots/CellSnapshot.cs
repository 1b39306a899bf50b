using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Snapshots;

public sealed record CellSnapshot(
    CellScope Scope,
    string? BuyerId,
    string? SourceId,
    string Window,
    IReadOnlyDictionary<string, MetricSnapshot> Metrics,
    ReturnBreakdown Returns);
