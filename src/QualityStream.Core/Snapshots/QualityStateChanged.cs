using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Snapshots;

/// <summary>
/// One cell × metric changing state (docs/contract.md §5). <see cref="Stream"/> names the partition task (or stage) that
/// emitted it, and <see cref="Seq"/> increases by one per change within that stream, across restarts and moves.
/// </summary>
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
    DateTimeOffset At,
    string Stream = "",
    StateChangeReason Reason = StateChangeReason.Rate);
