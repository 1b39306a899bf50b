namespace QualityStream.Core.Snapshots;

/// <summary>One cell × metric changing state (CONTRACTS §5). <c>From</c>/<c>To</c> are <c>ok</c>, <c>warning</c> or <c>breach</c>.</summary>
public sealed record QualityStateChanged(
    long Seq,
    string IncidentId,
    string Metric,
    string Window,
    string Scope,
    string? BuyerId,
    string? SourceId,
    string From,
    string To,
    double? Rate,
    long Sample,
    ThresholdLevels Threshold,
    string ThresholdScope,
    DateTimeOffset At);
