using QualityStream.Core.Serialization;
using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Thresholds;

/// <summary>Validates one metric's hash fields (docs/contract.md §4) against the thresholds that were in force before.</summary>
internal static class ThresholdHashReader
{
    // Long enough to show any sane threshold, short enough that a pasted blob does not flood the API or the log.
    private const int MaxShownValue = 300;

    public static MetricThresholds Read(
        Metric metric,
        string key,
        IEnumerable<(string Scope, string Value)> fields,
        IReadOnlyDictionary<string, Threshold> previous,
        IReadOnlyCollection<string> windows)
    {
        var inForce = new Dictionary<string, Threshold>(StringComparer.Ordinal);
        var rejected = new List<RejectedThreshold>();
        foreach (var (scope, value) in fields)
        {
            if (!ThresholdScopes.TryParse(scope, out _, out _, out var scopeError))
            {
                rejected.Add(Reject(metric, key, scope, value, [new("scope", scopeError)], previousKept: false));
                continue;
            }

            if (ThresholdJson.TryParse(metric, value, windows, out var threshold, out var errors))
            {
                inForce[scope] = threshold!;
                continue;
            }

            // A bad edit must not silently fall back to a looser default: the last valid value for this scope stays.
            var kept = previous.TryGetValue(scope, out var last);
            if (kept)
            {
                inForce[scope] = last!;
            }

            rejected.Add(Reject(metric, key, scope, value, errors, kept));
        }

        return new MetricThresholds(inForce, rejected);
    }

    private static RejectedThreshold Reject(
        Metric metric, string key, string scope, string value, IReadOnlyList<ThresholdError> errors, bool previousKept) =>
        new(key, metric.Code(), scope, value.Length <= MaxShownValue ? value : value[..MaxShownValue] + "…", errors, previousKept);
}
