namespace QualityStream.Simulator.Incidents;

/// <summary>Ready-made scripts; the default one starts within a minute so a demo shows every kind quickly.</summary>
public static class IncidentScript
{
    public static IReadOnlyList<IncidentSpec> Default { get; } =
    [
        new() { Kind = IncidentKind.BadPhones, StartAfter = TimeSpan.FromSeconds(30), Duration = TimeSpan.FromMinutes(10), Rate = 0.45 },
        new() { Kind = IncidentKind.ContactCollapse, StartAfter = TimeSpan.FromSeconds(40), Duration = TimeSpan.FromMinutes(10), Rate = 0.12 },
        new() { Kind = IncidentKind.DuplicateStorm, StartAfter = TimeSpan.FromSeconds(45), Duration = TimeSpan.FromMinutes(8), Rate = 0.30 },
        new() { Kind = IncidentKind.ReturnBurst, StartAfter = TimeSpan.FromSeconds(60), Duration = TimeSpan.FromMinutes(6), Rate = 0.40 },
    ];

    public static IReadOnlyList<IncidentSpec> None { get; } = [];

    /// <summary>"default" or "none" (case-insensitive), as the console's --incidents takes them.</summary>
    public static IReadOnlyList<IncidentSpec> Parse(string name) => name.ToUpperInvariant() switch
    {
        "DEFAULT" => Default,
        "NONE" => None,
        _ => throw new ArgumentException($"Unknown incident script '{name}'; use 'default' or 'none'.", nameof(name)),
    };
}
