using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Snapshots;

/// <summary>
/// One cell × window × metric rate as pushed in SignalR <c>RatesUpdated</c> batches, with the Wilson interval its state is
/// judged by (see <see cref="MetricSnapshot"/>).
/// </summary>
public sealed record RateUpdate(
    CellScope Scope,
    string? BuyerId,
    string? SourceId,
    string Window,
    Metric Metric,
    double? Rate,
    long Numerator,
    long Denominator,
    string? State,
    ConfidenceInterval? Interval = null);
