using System.Globalization;

namespace QualityStream.Core.Thresholds;

/// <summary>The rules of docs/contract.md §4 for one threshold value; every broken rule is reported, naming field, rule and values.</summary>
public static class ThresholdValidator
{
    public static IReadOnlyList<ThresholdError> Validate(Metric metric, Threshold threshold, IReadOnlyCollection<string> windows)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(windows);
        var errors = new List<ThresholdError>();

        if (threshold.Window is null || !windows.Contains(threshold.Window, StringComparer.Ordinal))
        {
            var got = threshold.Window is null ? "null" : $"\"{threshold.Window}\"";
            errors.Add(new("window", $"must be one of the configured windows ({string.Join(", ", windows)}); got {got}"));
        }

        var levelsOk = Level("warn", threshold.Warn, errors) & Level("breach", threshold.Breach, errors) & Level("clear", threshold.Clear, errors);
        if (levelsOk)
        {
            Order(metric, threshold, errors);
        }

        if (threshold.MinSample < 1)
        {
            errors.Add(new("minSample", $"must be ≥ 1; got {threshold.MinSample.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (threshold.PendingSeconds < 0)
        {
            errors.Add(new("pendingSeconds", $"must be ≥ 0; got {threshold.PendingSeconds.ToString(CultureInfo.InvariantCulture)}"));
        }

        // Below 1: a certainty of 1 would need an infinitely wide interval, so no cell could ever alert.
        if (!double.IsFinite(threshold.Confidence) || threshold.Confidence < 0 || threshold.Confidence >= 1)
        {
            errors.Add(new("confidence", $"must be 0 (off) or a number in (0, 1) such as 0.95; got {Show(threshold.Confidence)}"));
        }

        return errors;
    }

    /// <summary>A level as the messages show it: at least two decimals (0.70), more when it has them (0.055).</summary>
    internal static string Show(double value) =>
        double.IsFinite(value) ? value.ToString("0.00##########", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    private static bool Level(string field, double value, List<ThresholdError> errors)
    {
        if (double.IsFinite(value) && value is >= 0 and <= 1)
        {
            return true;
        }

        errors.Add(new(field, $"must be a finite number in [0, 1]; got {Show(value)}"));
        return false;
    }

    // Ordering is only judged once each level is in range, so one bad number yields one message, not three.
    private static void Order(Metric metric, Threshold t, List<ThresholdError> errors)
    {
        var low = metric.LowIsBad();
        var kind = low ? "low-is-bad" : "high-is-bad";
        var op = low ? "≥" : "≤";
        if (low ? t.Warn < t.Breach : t.Warn > t.Breach)
        {
            errors.Add(new("warn", $"must be {op} breach ({Show(t.Breach)}) for {metric.Code()}, a {kind} metric; got {Show(t.Warn)}"));
        }

        if (low ? t.Clear < t.Warn : t.Clear > t.Warn)
        {
            errors.Add(new("clear", $"must be {op} warn ({Show(t.Warn)}) for {metric.Code()}, a {kind} metric; got {Show(t.Clear)}"));
        }
        else if (low ? t.Clear < t.Breach : t.Clear > t.Breach)
        {
            // Only reachable when warn is also out of order; said now so one round of fixes is enough.
            errors.Add(new("clear", $"must be {op} breach ({Show(t.Breach)}) for {metric.Code()}, a {kind} metric; got {Show(t.Clear)}"));
        }
    }
}
