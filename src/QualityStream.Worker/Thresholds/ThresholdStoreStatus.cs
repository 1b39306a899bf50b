namespace QualityStream.Worker.Thresholds;

/// <summary>How the threshold store stands with Redis; shown by the admin API and the readiness check.</summary>
public sealed record ThresholdStoreStatus(
    DateTimeOffset? LastLoadedAt,
    string? LastReloadError,
    DateTimeOffset? LastErrorAt,
    IReadOnlyList<RejectedThreshold> Rejected)
{
    public static ThresholdStoreStatus Initial { get; } = new(null, "not loaded yet", null, []);
}
