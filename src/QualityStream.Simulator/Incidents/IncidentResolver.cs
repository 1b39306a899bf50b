using QualityStream.Simulator.Population;

namespace QualityStream.Simulator.Incidents;

/// <summary>
/// Turns specs into concrete incidents. Unnamed targets go to the busiest buyers first, skipping buyers whose
/// main source is already failing, so each default incident shows up in its own cells.
/// </summary>
internal static class IncidentResolver
{
    public static List<ActiveIncident> Resolve(IEnumerable<IncidentSpec> specs, Market population, DateTimeOffset start)
    {
        var busiestSource = population.Buyers
            .SelectMany(b => b.Sources.Select(s => (s.SourceId, Volume: s.Share * b.VolumeShare)))
            .GroupBy(x => x.SourceId)
            .MaxBy(g => g.Sum(x => x.Volume))!.Key;
        var taken = new HashSet<string>();
        var resolved = new List<ActiveIncident>();
        foreach (var spec in specs)
        {
            string? buyer = null;
            string? source = spec.SourceId;
            if (spec.Kind == IncidentKind.BadPhones)
            {
                source ??= busiestSource;
            }
            else
            {
                buyer = spec.BuyerId ?? NextBuyer(population, taken, busiestSource).BuyerId;
                taken.Add(buyer);
                source = spec.Kind == IncidentKind.ReturnBurst ? source ?? population.Buyer(buyer).Sources[0].SourceId : null;
            }

            var begin = start + spec.StartAfter;
            resolved.Add(new ActiveIncident(spec.Kind, buyer, source, begin, begin + spec.Duration, spec.Rate));
        }

        return resolved;
    }

    private static BuyerProfile NextBuyer(Market population, HashSet<string> taken, string badSource) =>
        population.Buyers.FirstOrDefault(b => !taken.Contains(b.BuyerId) && b.Sources[0].SourceId != badSource)
        ?? population.Buyers.FirstOrDefault(b => !taken.Contains(b.BuyerId))
        ?? population.Buyers[0];
}
