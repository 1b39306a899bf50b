using System.Diagnostics;
using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Latency;

/// <summary>
/// Produces background traffic at a fixed rate (open loop: the schedule never waits for the worker) with probe leads
/// mixed in at their own rate, for a warm-up and then a measured period, watching consumer lag against the mock
/// broker's retention. Returns the probes sent in the measured period.
/// </summary>
public sealed class PacedRun(LoadProducers producer, TrafficModel model, ProbeCells probes, Func<long> processed, long lagLimit)
{
    public List<(int Cell, int Sample)> Measured { get; } = [];

    public long MaxLag { get; private set; }

    /// <summary>Consumer lag (events produced but not yet counted) sampled every 100 ms, for the log.</summary>
    public List<long> LagSamples { get; } = [];

    public double AchievedEps { get; private set; }

    public string? Aborted { get; private set; }

    public void Run(double eventsPerSecond, double probesPerSecond, TimeSpan warmup, TimeSpan measured)
    {
        var clock = Stopwatch.StartNew();
        var total = warmup + measured;
        long sent = 0, probesSent = 0, sentAtMeasureStart = -1;
        var lastLagCheck = TimeSpan.Zero;
        while (clock.Elapsed < total)
        {
            var now = clock.Elapsed;
            var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var measuring = now >= warmup;
            if (measuring && sentAtMeasureStart < 0)
            {
                sentAtMeasureStart = sent;
            }

            var due = (long)(eventsPerSecond * now.TotalSeconds);
            for (var n = 0; sent < due && n < 2000; n++, sent++)
            {
                producer.Background.Produce(model.Next(nowMs));
            }

            for (var probesDue = (long)(probesPerSecond * now.TotalSeconds); probesSent < probesDue; probesSent++)
            {
                var probe = probes.Produce(producer.Probes, nowMs);
                if (measuring)
                {
                    Measured.Add(probe);
                }
            }

            if (now - lastLagCheck >= TimeSpan.FromMilliseconds(100))
            {
                lastLagCheck = now;
                var lag = producer.Produced - processed();
                LagSamples.Add(lag);
                MaxLag = Math.Max(MaxLag, lag);
                if (MaxLag > lagLimit)
                {
                    Aborted = $"lag_{MaxLag}_over_{lagLimit}_at_{now.TotalSeconds:F0}s";
                    break;
                }
            }

            if (sent >= (long)(eventsPerSecond * clock.Elapsed.TotalSeconds))
            {
                Thread.Sleep(1);
            }
        }

        var measuredSeconds = Math.Max(1e-9, clock.Elapsed.TotalSeconds - warmup.TotalSeconds);
        AchievedEps = sentAtMeasureStart < 0 ? 0 : (sent - sentAtMeasureStart) / measuredSeconds;
    }
}
