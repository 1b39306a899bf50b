using System.Globalization;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Notices;

/// <summary>Plain-English buyer notices (docs/contract.md §8): what moved, where, by how much, and what we expected.</summary>
public static class NoticeText
{
    public static string Breach(Metric metric, string? sourceId, double? rate, double breachLevel, string window)
    {
        var (shownRate, shownLevel) = PercentPair(rate, breachLevel);
        var expected = metric.LowIsBad() ? "at least" : "at most";
        var movement = rate is null
            ? "is outside its expected range"
            : (metric.LowIsBad() ? "fell to " : "rose to ") + shownRate;
        return $"{MetricName(metric)} on {Subject(sourceId)} {movement} over {WindowPhrase(window)} (expected {expected} {shownLevel}). "
            + "We are investigating and will update you.";
    }

    public static string Recovered(Metric metric, string? sourceId, double? rate, string window, TimeSpan duration)
    {
        var back = rate is { } r ? "is back to " + Percent(r) : "is back within its expected range";
        return $"{MetricName(metric)} on {Subject(sourceId)} {back} over {WindowPhrase(window)} after {Duration(duration)}. "
            + "Thank you for your patience.";
    }

    /// <summary>
    /// An incident closed because its window emptied, not because quality came back: saying "back to" would claim a
    /// recovery nobody measured, so the buyer is told deliveries stopped and that the incident may return with them.
    /// </summary>
    public static string NoTraffic(Metric metric, string? sourceId, string window, TimeSpan duration)
    {
        var stopped = sourceId is null ? "Deliveries to you stopped" : $"Deliveries of leads from {sourceId} stopped";
        return $"{stopped}: none came over {WindowPhrase(window)}, so we have closed the {IncidentName(metric)} incident opened {Duration(duration)} ago. "
            + "We will tell you if it recurs once deliveries resume.";
    }

    /// <summary>Held notices released together: <c>3 updates: first. second. third.</c></summary>
    public static string Merged(IEnumerable<string> messages)
    {
        var list = messages.ToList();
        return list.Count == 1 ? list[0] : $"{list.Count} updates: {string.Join(" ", list)}";
    }

    public static string MetricName(Metric metric) => metric switch
    {
        Metric.Validity => "Validity rate",
        Metric.Duplicate => "Duplicate rate",
        Metric.Contact => "Contact rate",
        Metric.Return => "Return rate",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    private static string IncidentName(Metric metric) => metric switch
    {
        Metric.Validity => "validity-rate",
        Metric.Duplicate => "duplicate-rate",
        Metric.Contact => "contact-rate",
        Metric.Return => "return-rate",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary><c>1h</c> → "the last hour", <c>24h</c> → "the last 24 hours", <c>30m</c> → "the last 30 minutes".</summary>
    public static string WindowPhrase(string window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Length < 2 || !int.TryParse(window.AsSpan(0, window.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return "the last " + window;
        }

        var unit = window[^1] switch { 's' => "second", 'm' => "minute", 'h' => "hour", 'd' => "day", _ => null };
        return unit is null ? "the last " + window
            : n == 1 ? "the last " + unit
            : $"the last {n.ToString(CultureInfo.InvariantCulture)} {unit}s";
    }

    /// <summary>Whole percent; one decimal below 10% where the decimal is not zero (5.5%), since small rates move in tenths.</summary>
    public static string Percent(double rate) => Percent(rate, forceDecimal: false);

    /// <summary>"2 h 15 min", "45 min", "1 d 3 h", "40 s": two units at most, which is all a buyer needs.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        var inv = CultureInfo.InvariantCulture;
        return duration.TotalMinutes < 1 ? $"{duration.Seconds.ToString(inv)} s"
            : duration.TotalHours < 1 ? $"{duration.Minutes.ToString(inv)} min"
            : duration.TotalDays < 1 ? $"{duration.Hours.ToString(inv)} h" + (duration.Minutes > 0 ? $" {duration.Minutes.ToString(inv)} min" : "")
            : $"{duration.Days.ToString(inv)} d" + (duration.Hours > 0 ? $" {duration.Hours.ToString(inv)} h" : "");
    }

    private static string Subject(string? sourceId) => sourceId is null ? "your leads" : "leads from " + sourceId;

    // A rate just past its level must not read "fell to 40% (expected at least 40%)": then both get one decimal.
    private static (string Rate, string Level) PercentPair(double? rate, double level)
    {
        var shownLevel = Percent(level);
        if (rate is not { } r)
        {
            return ("", shownLevel);
        }

        var shownRate = Percent(r);
        return shownRate == shownLevel && r != level
            ? (Percent(r, forceDecimal: true), Percent(level, forceDecimal: true))
            : (shownRate, shownLevel);
    }

    private static string Percent(double rate, bool forceDecimal)
    {
        var percent = rate * 100;
        var tenths = Math.Round(percent, 1, MidpointRounding.AwayFromZero);
        var text = forceDecimal ? tenths.ToString("0.0", CultureInfo.InvariantCulture)
            : tenths < 10 ? tenths.ToString("0.#", CultureInfo.InvariantCulture)
            : Math.Round(percent, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
        return text + "%";
    }
}
