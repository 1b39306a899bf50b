using QualityStream.Core.Snapshots;

namespace QualityStream.Core.Tests.Notices;

/// <summary>Builds state changes as the engine would emit them, with contact-rate defaults.</summary>
internal static class Changes
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static QualityStateChanged Make(
        string incident,
        string from,
        string to,
        TimeSpan at,
        string? buyer = "acme-auto",
        string? source = "fb-camp-7",
        double? rate = 0.37,
        string metric = "contact") => new(
        Seq: 0,
        IncidentId: incident,
        Metric: metric,
        Window: "1h",
        Scope: buyer is null ? "source" : source is null ? "buyer" : "buyer_source",
        BuyerId: buyer,
        SourceId: source,
        From: from,
        To: to,
        Rate: rate,
        Sample: 212,
        Threshold: new ThresholdLevels(0.5, 0.4, 0.55),
        ThresholdScope: "default",
        At: T0 + at);
}
