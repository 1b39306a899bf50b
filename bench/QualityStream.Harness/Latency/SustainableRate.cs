using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Latency;

/// <summary>
/// The highest rate the worker keeps up with while the load generator and the SignalR client share its two cores: a
/// bisection between 0 and the isolated ceiling. Each step settles for 2 s, then is held (20 s by default) with probes
/// running, and is kept when the lag neither grew over the hold nor ended above half a second of events. Every step
/// ends well inside the broker's retention and is drained before the next, so no event is lost to the search.
/// </summary>
public static class SustainableRate
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    // PacedRun samples the lag every 100 ms: a second of samples smooths the 25 ms batches of the background producer.
    private const int SamplesASecond = 10;

    public static async Task<double> FindAsync(LoadProducers producer, TrafficModel model, ProbeCells probes, Func<long> processed,
        double ceiling, double probeRate, long lagLimit, TimeSpan hold, int steps = 5)
    {
        ArgumentNullException.ThrowIfNull(producer);
        double low = 0, high = ceiling;
        for (var step = 0; step < steps; step++)
        {
            var rate = (low + high) / 2;
            var settle = new PacedRun(producer, model, probes, processed, lagLimit / 2);
            var held = new PacedRun(producer, model, probes, processed, lagLimit / 2);
            await LevelSummary.RunThenDrainAsync(() =>
            {
                settle.Run(rate, probeRate, TimeSpan.Zero, Settle);
                if (settle.Aborted is null)
                {
                    held.Run(rate, probeRate, TimeSpan.Zero, hold);
                }
            }, producer, processed);
            var verdict = Judge(rate, hold, settle.Aborted ?? held.Aborted, held.LagSamples);
            Console.WriteLine($"sustainable search: {rate:N0} ev/s for {hold.TotalSeconds:F0} s -> {verdict.Text}");
            (low, high) = verdict.Kept ? (rate, high) : (low, rate);
        }

        return Math.Max(low, ceiling / 32);
    }

    /// <summary>
    /// Kept up: the lag over the hold's last second is at most its first second's plus 1 % of the events produced
    /// meanwhile (a worker 1 % short of the rate would fail a 30 s level by the retention limit within minutes), and
    /// at most half a second of events. An 8-second hold with a looser rule accepted rates the worker could not hold
    /// for 30 s: a half-second stall now and then looked like noise.
    /// </summary>
    internal static (bool Kept, string Text) Judge(double rate, TimeSpan hold, string? aborted, IReadOnlyList<long> lagSamples)
    {
        if (aborted is not null)
        {
            return (false, $"fell behind ({aborted})");
        }

        if (lagSamples.Count < 2 * SamplesASecond)
        {
            return (false, $"fell behind (only {lagSamples.Count} lag samples)");
        }

        var first = lagSamples.Take(SamplesASecond).Average();
        var last = lagSamples.TakeLast(SamplesASecond).Average();
        var growthLimit = 0.01 * rate * hold.TotalSeconds;
        var endLimit = 0.5 * rate;
        var kept = last - first <= growthLimit && last <= endLimit;
        return (kept, $"lag {first:N0} in the first second, {last:N0} in the last (limits: growth {growthLimit:N0}, end {endLimit:N0}), " +
            $"max {lagSamples.Max():N0}: {(kept ? "kept up" : "fell behind")}");
    }
}
