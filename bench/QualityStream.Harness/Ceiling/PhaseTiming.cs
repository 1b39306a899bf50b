namespace QualityStream.Harness.Ceiling;

/// <summary>
/// One measured phase: every event seen, and the <see cref="Timed"/> ones that came after the first observation,
/// over the time from that first observation to the last one (so the rate is not flattered by the first batch).
/// <see cref="LastPercent"/>: how much of that time the last 1 % of the events took (the worker's only; a diagnostic).
/// </summary>
public readonly record struct PhaseTiming(long Events, long Timed, TimeSpan Elapsed, TimeSpan LastPercent = default)
{
    public double EventsPerSecond => Timed / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
