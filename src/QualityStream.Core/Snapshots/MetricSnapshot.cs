using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Snapshots;

/// <summary>
/// A rate with its fraction. <c>State</c> is null on windows the threshold does not name,
/// <c>insufficient</c> below minSample (then <c>HeldState</c> is the state it holds), else ok/warning/breach.
/// <c>Interval</c> is the Wilson interval the state is judged by (null where there is no state, no rate, or no confidence).
/// </summary>
public sealed record MetricSnapshot(
    double? Rate,
    long Numerator,
    long Denominator,
    string? State,
    ThresholdLevels? Threshold,
    string? ThresholdScope,
    string? HeldState = null,
    ConfidenceInterval? Interval = null);
