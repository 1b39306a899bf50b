using System.Globalization;
using System.Text.RegularExpressions;

namespace QualityStream.Harness.Infrastructure;

/// <summary>Reads series from a worker's <c>/metrics</c> between measurements (a scrape costs the worker CPU).</summary>
public static partial class MetricsScrape
{
    public static async Task<IReadOnlyDictionary<string, long>> EventOutcomesAsync(Uri worker)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(worker, "/metrics"));
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (Match m in EventsLine().Matches(text))
        {
            var outcome = m.Groups["outcome"].Value;
            result[outcome] = result.GetValueOrDefault(outcome) + (long)double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return result;
    }

    public static async Task<HistogramSample> HistogramAsync(Uri worker, string name)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(worker, "/metrics"));
        var buckets = new List<(double, double)>();
        foreach (Match m in BucketLine().Matches(text))
        {
            if (m.Groups["name"].Value != name)
            {
                continue;
            }

            var le = m.Groups["le"].Value;
            buckets.Add((le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture),
                double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return new HistogramSample(buckets);
    }

    [GeneratedRegex("""^(?<name>[a-z_]+)_bucket\{le="(?<le>[^"]+)"\} (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex BucketLine();

    [GeneratedRegex("""^qualitystream_events_total\{[^}]*outcome="(?<outcome>[a-z_]+)"[^}]*\} (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex EventsLine();
}
