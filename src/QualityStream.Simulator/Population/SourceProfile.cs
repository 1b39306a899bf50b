namespace QualityStream.Simulator.Population;

/// <summary>
/// A traffic source's baseline quality. <see cref="ContactFactor"/> and <see cref="ReturnFactor"/> scale the
/// buyer's own rates: some sources bring consumers who pick up, some bring tyre-kickers.
/// </summary>
public sealed record SourceProfile(
    string SourceId,
    double Validity,
    double DuplicateRate,
    double ContactFactor,
    double ReturnFactor);
