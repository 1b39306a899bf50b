using System.Globalization;

namespace QualityStream.Harness.Cli;

/// <summary>The scenario name followed by <c>--name value</c> options, e.g. <c>ceiling --events 1000000 --chunks 8</c>.</summary>
public sealed class HarnessArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    public HarnessArgs(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Scenario = args.Count > 0 ? args[0].ToLowerInvariant() : "";
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--name value' pairs after the scenario; got '{args[i]}'");
            }

            _options[args[i][2..]] = args[++i];
        }
    }

    public string Scenario { get; }

    public int Whole(string name, int fallback) =>
        _options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Number(string name, double fallback) =>
        _options.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string? Text(string name) => _options.GetValueOrDefault(name);
}
