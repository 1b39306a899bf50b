using System.Globalization;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>One field of a contract §4 threshold hash: <c>qs:thresholds:{metric}</c>, field = scope, value = threshold JSON.</summary>
internal sealed record ThresholdEntry(string Metric, string Scope, string Json)
{
    /// <summary>
    /// Levels that no rate in these tests reaches: a minSample no cell gets to keeps every unscripted cell <c>ok</c>,
    /// so the only incidents are the scripted ones (and no buyer gets so many notices that the rate limit merges them).
    /// </summary>
    public static ThresholdEntry Unreachable(string metric, string scope) => metric switch
    {
        "validity" => new(metric, scope, Levels("1h", 0.92, 0.85, 0.94, 1_000_000_000, 120)),
        "contact" => new(metric, scope, Levels("1h", 0.50, 0.40, 0.55, 1_000_000_000, 120)),
        "duplicate" => new(metric, scope, Levels("1h", 0.05, 0.10, 0.04, 1_000_000_000, 120)),
        "return" => new(metric, scope, Levels("1h", 0.08, 0.12, 0.06, 1_000_000_000, 120)),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a metric of contract §3"),
    };

    /// <summary>The unreachable <c>default</c> of every metric.</summary>
    public static IEnumerable<ThresholdEntry> UnreachableDefaults() =>
        new[] { "validity", "duplicate", "contact", "return" }.Select(m => Unreachable(m, "default"));

    /// <summary>
    /// Threshold JSON judged on the plain rate (<c>confidence</c> 0), so that a script's arithmetic says when a level is crossed.
    /// </summary>
    public static string Levels(string window, double warn, double breach, double clear, long minSample, int pendingSeconds) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"window":"{{window}}","warn":{{warn}},"breach":{{breach}},"clear":{{clear}},"minSample":{{minSample}},"pendingSeconds":{{pendingSeconds}},"confidence":0}""");
}
