using System.Globalization;
using System.Text.RegularExpressions;

namespace QualityStream.Harness.Infrastructure;

/// <summary>Reads <c>qualitystream_events_total</c> from a worker's <c>/metrics</c>, summed by outcome (once, after a run).</summary>
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

    [GeneratedRegex("""^qualitystream_events_total\{[^}]*outcome="(?<outcome>[a-z_]+)"[^}]*\} (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex EventsLine();
}
