using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using QualityStream.Simulator.Incidents;

namespace QualityStream.Simulator.Running;

/// <summary>Parses the console's few flags by hand: a dependency would be bigger than the parser.</summary>
public static class SimulatorCommandLine
{
    public const string Usage = """
        usage: QualityStream.Simulator [--bootstrap host:port] [--rate leads/s] [--buyers N] [--sources M]
               [--incidents default|none] [--bad-input-fraction F] [--seed S] [--duration seconds]
               [--deliveries-topic NAME] [--feedback-topic NAME]
        Produces realistic lead deliveries and buyer feedback until Ctrl+C. Defaults: 127.0.0.1:9092, 200 leads/s,
        20 buyers, 30 sources, the default incident script (first incident ~30 s in), no bad input.
        """;

    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out SimulatorOptions? options, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new SimulatorOptions();
        options = null;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                if (args[i] is "--help" or "-h")
                {
                    error = Usage;
                    return false;
                }

                var value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
                Apply(parsed, args[i - 1], value);
            }

            Validator.ValidateObject(parsed, new ValidationContext(parsed), validateAllProperties: true);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or ValidationException)
        {
            error = e.Message + Environment.NewLine + Usage;
            return false;
        }

        options = parsed;
        error = null;
        return true;
    }

    private static void Apply(SimulatorOptions o, string flag, string value)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (flag)
        {
            case "--bootstrap": o.BootstrapServers = value; break;
            case "--rate": o.Rate = double.Parse(value, inv); break;
            case "--buyers": o.Buyers = int.Parse(value, inv); break;
            case "--sources": o.Sources = int.Parse(value, inv); break;
            case "--incidents": o.Incidents = [.. IncidentScript.Parse(value)]; break;
            case "--bad-input-fraction": o.BadInputFraction = double.Parse(value, inv); break;
            case "--seed": o.Seed = int.Parse(value, inv); break;
            case "--duration": o.Duration = TimeSpan.FromSeconds(double.Parse(value, inv)); break;
            case "--deliveries-topic": o.DeliveriesTopic = value; break;
            case "--feedback-topic": o.FeedbackTopic = value; break;
            default: throw new FormatException($"Unknown option '{flag}'.");
        }
    }
}
