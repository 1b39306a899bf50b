using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Notices;

/// <summary>Builds state changes as the engine would emit them, with contact-rate defaults.</summary>
internal static class Changes
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static QualityStateChanged Make(
        string incident,
        MetricStatus from,
        MetricStatus to,
        TimeSpan at,
        string? buyer = "acme-auto",
        string? source = "fb-camp-7",
        double? rate = 0.37,
        Metric metric = Metric.Contact,
        StateChangeReason reason = StateChangeReason.Rate) => new(
        Seq: 0,
        IncidentId: incident,
        Metric: metric,
        Window: "1h",
        Scope: buyer is null ? CellScope.Source : source is null ? CellScope.Buyer : CellScope.BuyerSource,
        BuyerId: buyer,
        SourceId: source,
        From: from,
        To: to,
        Rate: rate,
        Sample: 212,
        Threshold: new ThresholdLevels(0.5, 0.4, 0.55),
        ThresholdScope: "default",
        At: T0 + at,
        Reason: reason);
}
