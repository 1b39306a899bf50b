namespace QualityStream.Harness.Ceiling;

/// <summary>
/// One measured phase: every event seen, and the <see cref="Timed"/> ones that came after the first observation,
/// over the time from that first observation to the last one (so the rate is not flattered by the first batch).
/// <see cref="LastPercent"/>: how much of that time the last 1 % of the events took (the worker's only; a diagnostic).
/// <see cref="SinceThaw"/>: the worker's only, from thawing it to its last event, so that what it does before its first
/// event (a checkpoint due while it was frozen) counts too.
/// </summary>
public readonly record struct PhaseTiming(long Events, long Timed, TimeSpan Elapsed, TimeSpan LastPercent = default, TimeSpan SinceThaw = default)
{
    public double EventsPerSecond => Timed / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>Every event over the time from the thaw: the rate a checkpoint taken at the thaw is charged to.</summary>
    public double EventsPerSecondSinceThaw => Events / Math.Max(SinceThaw.TotalSeconds, 1e-9);

    public static PhaseTiming operator +(PhaseTiming a, PhaseTiming b) =>
        new(a.Events + b.Events, a.Timed + b.Timed, a.Elapsed + b.Elapsed, a.LastPercent + b.LastPercent, a.SinceThaw + b.SinceThaw);
}
