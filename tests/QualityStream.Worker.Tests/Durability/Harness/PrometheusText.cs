using System.Globalization;
using System.Text.RegularExpressions;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>A <c>/metrics</c> page, read as the series a dashboard would query.</summary>
internal sealed partial class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>Every sample of <paramref name="name"/> with its labels.</summary>
    public IEnumerable<(IReadOnlyDictionary<string, string> Labels, double Value)> Series(string name)
    {
        foreach (var line in Text.Split('\n'))
        {
            if (Sample().Match(line) is { Success: true } m && m.Groups["name"].Value == name)
            {
                var labels = Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value, StringComparer.Ordinal);
                yield return (labels, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
            }
        }
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
