namespace QualityStream.Harness.Ceiling;

/// <summary>
/// One measured phase: every event seen, and the <see cref="Timed"/> ones that came after the first observation,
/// over the time from that first observation to the last one (so the rate is not flattered by the first batch).
/// </summary>
public readonly record struct PhaseTiming(long Events, long Timed, TimeSpan Elapsed)
{
    public double EventsPerSecond => Timed / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
