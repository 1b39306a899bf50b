namespace QualityStream.Simulator.Incidents;

/// <summary>
/// One scripted incident, timed from the generator's start. <see cref="BuyerId"/>/<see cref="SourceId"/> left null
/// are chosen by the generator (a different busy buyer per incident, the buyer's main source).
/// </summary>
public sealed record IncidentSpec
{
    public required IncidentKind Kind { get; init; }

    public TimeSpan StartAfter { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The rate in force while the incident lasts (validity, duplicate, contact or return, by kind).</summary>
    public double Rate { get; init; }

    public string? BuyerId { get; init; }

    public string? SourceId { get; init; }
}
