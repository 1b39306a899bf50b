using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Snapshots;

/// <summary>One cell × metric changing state (docs/contract.md §5). <c>From</c>/<c>To</c> are <c>ok</c>, <c>warning</c> or <c>breach</c>.</summary>
public sealed record QualityStateChanged(
    long Seq,
    string IncidentId,
    Metric Metric,
    string Window,
    CellScope Scope,
    string? BuyerId,
    string? SourceId,
    MetricStatus From,
    MetricStatus To,
    double? Rate,
    long Sample,
    ThresholdLevels Threshold,
    string ThresholdScope,
    DateTimeOffset At);
