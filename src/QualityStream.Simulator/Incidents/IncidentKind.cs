namespace QualityStream.Simulator.Incidents;

public enum IncidentKind
{
    /// <summary>A source's phone numbers go bad: its validity collapses to <see cref="IncidentSpec.Rate"/>.</summary>
    BadPhones,

    /// <summary>A buyer is sold consumers it already has: its duplicate rate jumps to the rate.</summary>
    DuplicateStorm,

    /// <summary>A buyer stops reaching its leads: its contact rate collapses to the rate.</summary>
    ContactCollapse,

    /// <summary>A buyer returns leads of one source quickly: that buyer×source return rate jumps to the rate.</summary>
    ReturnBurst,
}
