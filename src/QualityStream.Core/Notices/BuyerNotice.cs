namespace QualityStream.Core.Notices;

/// <summary>A proactive quality notice to one buyer (CONTRACTS §8). <c>Kind</c> is <c>breach</c> or <c>recovered</c>.</summary>
public sealed record BuyerNotice(
    string NoticeId,
    string BuyerId,
    string IncidentId,
    string Kind,
    string Metric,
    string? SourceId,
    double? Rate,
    double Threshold,
    string Message,
    DateTimeOffset At);
