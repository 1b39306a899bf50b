using QualityStream.Core.Thresholds;
using QualityStream.Worker.Thresholds;

namespace QualityStream.Worker.Api;

/// <summary>
/// <c>GET /api/thresholds</c>: the thresholds in force by metric then scope, the Redis fields that were rejected and
/// why, the built-in defaults (used for a metric with no valid <c>default</c> field), and how Redis stands.
/// </summary>
public sealed record ThresholdListing(
    IReadOnlyList<string> Windows,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, Threshold>> Thresholds,
    IReadOnlyList<RejectedThreshold> Rejected,
    IReadOnlyDictionary<string, Threshold> BuiltInDefaults,
    ThresholdRedisStatus Redis)
{
    public static ThresholdListing From(ThresholdSet set, ThresholdStoreStatus status, IReadOnlyList<string> windows, bool connected)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(status);
        var entries = set.Entries.ToArray();
        var byMetric = Metrics.All.ToDictionary(
            m => m.Code(),
            m => (IReadOnlyDictionary<string, Threshold>)entries.Where(e => e.Metric == m)
                .ToDictionary(e => e.Scope, e => e.Threshold, StringComparer.Ordinal));
        return new ThresholdListing(
            windows,
            byMetric,
            status.Rejected,
            Metrics.All.ToDictionary(m => m.Code(), ThresholdDefaults.For),
            new ThresholdRedisStatus(connected, status.LastLoadedAt, status.LastReloadError, status.LastErrorAt));
    }
}
