using QualityStream.Worker.Tests.Durability.Traffic;

namespace QualityStream.Worker.Tests.Durability.Exactness;

/// <summary>
/// A comparison with a reference proves something only if the reference saw incidents: every scripted incident must
/// have reached its states there, or the traffic (not the worker under test) is what failed.
/// </summary>
internal static class ScriptCheck
{
    public static List<string> Missing(RunOutputs reference, IEnumerable<ScriptedIncident> incidents)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var missing = new List<string>();
        foreach (var incident in incidents)
        {
            var reached = reference.Changes.Of(incident.Cell).Select(c => (string?)c["to"]).ToHashSet(StringComparer.Ordinal);
            foreach (var state in incident.Reaches.Where(s => !reached.Contains(s)))
            {
                missing.Add($"{incident.Kind} on {incident.Cell}: never reached {state} in the reference (reached {string.Join(", ", reached)})");
            }
        }

        if (reference.Notices.Notices.Count == 0)
        {
            missing.Add("the reference sent no notice");
        }

        return missing;
    }
}
