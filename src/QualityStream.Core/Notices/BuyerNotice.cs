using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Notices;

/// <summary>A proactive quality notice to one buyer (docs/contract.md §8). One per incident reaching breach, one when it closes.</summary>
public sealed record BuyerNotice(
    string NoticeId,
    string BuyerId,
    string IncidentId,
    NoticeKind Kind,
    Metric Metric,
    string? SourceId,
    double? Rate,
    double Threshold,
    string Message,
    DateTimeOffset At);
