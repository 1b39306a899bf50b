namespace QualityStream.Worker.Tests.Durability.Traffic;

/// <summary>How much traffic, from whom, for how long, and the incidents written into it.</summary>
internal sealed record TrafficShape
{
    public int Seconds { get; init; } = 50;

    /// <summary>Ordinary deliveries a second, spread over the buyers; feedback comes on top (about 0.8 per lead).</summary>
    public int LeadsPerSecond { get; init; } = 2_000;

    public int Buyers { get; init; } = 48;

    public int Sources { get; init; } = 16;

    public int SourcesPerBuyer { get; init; } = 4;

    /// <summary>
    /// Leads delivered 26 hours before the run (vertical <c>legal</c>, which the tests give a 1-day return window), sent
    /// first; their returns during the run are late returns.
    /// </summary>
    public int PrologueLeads { get; init; } = 300;

    public IReadOnlyList<ScriptedIncident> Incidents { get; init; } = [];
}
