using QualityStream.Harness.Infrastructure;
using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Latency;

/// <summary>
/// The highest rate the worker keeps up with while the load generator and the SignalR client share its two cores: a
/// bisection between 0 and the isolated ceiling, each step held for a few seconds with probes running, accepted when
/// consumer lag stays small and stops growing. Every step ends well inside the broker's retention and is drained
/// before the next, so no event is lost to the search.
/// </summary>
public static class SustainableRate
{
    public static async Task<double> FindAsync(LoadProducers producer, TrafficModel model, ProbeCells probes, EventsCounter processed,
        double ceiling, double probeRate, long lagLimit, int steps = 5)
    {
        ArgumentNullException.ThrowIfNull(producer);
        double low = 0, high = ceiling;
        for (var step = 0; step < steps; step++)
        {
            var rate = (low + high) / 2;
            var run = new PacedRun(producer, model, probes, processed, lagLimit / 2);
            var lagAfterWarmup = 0L;
            await Task.Factory.StartNew(() =>
            {
                run.Run(rate, probeRate, TimeSpan.Zero, TimeSpan.FromSeconds(2));
                lagAfterWarmup = producer.Produced - processed.Total();
                run.Run(rate, probeRate, TimeSpan.Zero, TimeSpan.FromSeconds(6));
            }, TaskCreationOptions.LongRunning);
            var lagAtEnd = producer.Produced - processed.Total();
            var kept = run.Aborted is null && lagAtEnd <= Math.Max(2 * lagAfterWarmup, rate * 0.25);
            Console.WriteLine($"sustainable search: {rate:N0} ev/s -> lag {lagAfterWarmup:N0} after 2 s, {lagAtEnd:N0} after 8 s: {(kept ? "kept up" : "fell behind")}");
            (low, high) = kept ? (rate, high) : (low, rate);
            producer.Flush();
            await LevelSummary.DrainAsync(processed, producer.Produced, new());
        }

        return Math.Max(low, ceiling / 32);
    }
}
