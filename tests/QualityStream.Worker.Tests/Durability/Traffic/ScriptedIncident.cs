using QualityStream.Worker.Tests.Durability.Harness;

namespace QualityStream.Worker.Tests.Durability.Traffic;

/// <summary>
/// A quality problem written into the traffic on purpose, with the threshold that makes it an incident. Seconds count
/// from the start of the run; <see cref="Until"/> is exclusive. The levels leave wide margins around the script's
/// arithmetic (see the factories), so an incident happens whatever the seed.
/// </summary>
internal sealed record ScriptedIncident(IncidentKind Kind, string? BuyerId, string SourceId, int PerSecond, int From, int Until, double Probability)
{
    /// <summary>For a pair of its own (<see cref="IncidentKind.InvalidStretch"/>): the second from which its leads stop coming.</summary>
    public int Stops { get; init; } = int.MaxValue;

    /// <summary>
    /// 20 leads a second on a pair of their own, invalid from <paramref name="from"/> to <paramref name="until"/>.
    /// For 8 valid seconds and 5 invalid ones the rate falls to 0.62 and climbs back past 0.85 some 20 s later:
    /// ok → breach → warning → ok, two notices for the buyer.
    /// </summary>
    public static ScriptedIncident InvalidStretch(string buyerId, string sourceId, int from, int until, int perSecond = 20) =>
        new(IncidentKind.InvalidStretch, buyerId, sourceId, perSecond, from, until, 1.0);

    /// <summary>20 leads a second on a pair of their own, each tried two seconds later: reached 70 % of the time before <paramref name="from"/>, never after.</summary>
    public static ScriptedIncident ContactDrop(string buyerId, string sourceId, int from) =>
        new(IncidentKind.ContactDrop, buyerId, sourceId, 20, from, int.MaxValue, 0.7);

    public static ScriptedIncident ReturnSpike(string buyerId, int from, int until, double probability = 0.8) =>
        new(IncidentKind.ReturnSpike, buyerId, "", 0, from, until, probability);

    public static ScriptedIncident DuplicateSpike(string sourceId, int from, int until, double probability = 0.8) =>
        new(IncidentKind.DuplicateSpike, null, sourceId, 0, from, until, probability);

    /// <summary>The cell the incident happens on: scope, buyer, source and metric as state changes name them.</summary>
    public (string Scope, string? BuyerId, string? SourceId, string Metric) Cell => Kind switch
    {
        IncidentKind.InvalidStretch => ("buyer_source", BuyerId, SourceId, "validity"),
        IncidentKind.ContactDrop => ("buyer_source", BuyerId, SourceId, "contact"),
        IncidentKind.ReturnSpike => ("buyer", BuyerId, null, "return"),
        _ => ("source", null, SourceId, "duplicate"),
    };

    /// <summary>The states the cell must reach in a run that never stopped: breach always; ok again for a stretch that ends while leads still come.</summary>
    public IEnumerable<string> Reaches =>
        Kind == IncidentKind.InvalidStretch && Stops == int.MaxValue ? ["breach", "ok"] : ["breach"];

    /// <summary>The thresholds that make this an incident, and those that keep its side effects from being one.</summary>
    public IEnumerable<ThresholdEntry> Thresholds(Audience audience, string window = "1h")
    {
        ArgumentNullException.ThrowIfNull(audience);
        switch (Kind)
        {
            case IncidentKind.InvalidStretch:
                yield return new("validity", $"buyer:{BuyerId}|source:{SourceId}", ThresholdEntry.Levels(window, 0.80, 0.75, 0.85, 10, 2));
                break;
            case IncidentKind.ContactDrop:
                yield return new("contact", $"buyer:{BuyerId}|source:{SourceId}", ThresholdEntry.Levels(window, 0.50, 0.40, 0.55, 20, 2));
                break;
            case IncidentKind.ReturnSpike:
                yield return new("return", $"buyer:{BuyerId}", ThresholdEntry.Levels(window, 0.12, 0.18, 0.08, 50, 2));
                // A buyer×source cell falls back on the buyer's threshold: its own keeps the incident to the buyer cell.
                foreach (var source in audience.SourcesOf(BuyerId!))
                {
                    yield return ThresholdEntry.Unreachable("return", $"buyer:{BuyerId}|source:{source}");
                }

                break;
            case IncidentKind.DuplicateSpike:
                yield return new("duplicate", $"source:{SourceId}", ThresholdEntry.Levels(window, 0.10, 0.20, 0.05, 50, 2));
                // Buyer×source cells fall back on the source's threshold after the buyer's: every buyer's keeps them out.
                foreach (var buyer in audience.Buyers)
                {
                    yield return ThresholdEntry.Unreachable("duplicate", $"buyer:{buyer}");
                }

                break;
            default:
                throw new InvalidOperationException($"unknown incident kind {Kind}");
        }
    }
}
