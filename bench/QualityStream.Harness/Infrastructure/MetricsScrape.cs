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

    /// <summary>The task checkpoints written so far and the seconds they took (<c>qualitystream_checkpoint_write_seconds</c>).</summary>
    public static async Task<(long Count, double Seconds)> CheckpointWritesAsync(Uri worker)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(worker, "/metrics"));
        double Value(string name) => ScalarLine().Matches(text).Where(m => m.Groups["name"].Value == name)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        return ((long)Value("qualitystream_checkpoint_write_seconds_count"), Value("qualitystream_checkpoint_write_seconds_sum"));
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

    [GeneratedRegex(@"^(?<name>[a-z_]+) (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex ScalarLine();

    [GeneratedRegex("""^qualitystream_events_total\{[^}]*outcome="(?<outcome>[a-z_]+)"[^}]*\} (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex EventsLine();
}
