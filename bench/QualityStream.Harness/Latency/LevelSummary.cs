using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace QualityStream.Harness.Latency;

/// <summary>
/// Ends a load level: waits for the worker to catch up, then matches each measured probe to the change it caused by
/// (cell, sample) and records produce → receipt into an HdrHistogram (microseconds, 3 significant digits).
/// </summary>
public static class LevelSummary
{
    /// <summary>
    /// Runs paced traffic on a thread of its own (its schedule must not wait behind the thread pool), then flushes the
    /// producers and drains: every warm-up, search step and level ends this way, so none leaves a backlog to the next.
    /// </summary>
    public static async Task RunThenDrainAsync(Action paced, LoadProducers producer, Func<long> processed, ConcurrentQueue<ProbeReceipt>? receipts = null)
    {
        ArgumentNullException.ThrowIfNull(producer);
        await Task.Factory.StartNew(paced, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        producer.Flush();
        await DrainAsync(processed, producer.Produced, receipts ?? new());
    }

    /// <summary>
    /// Waits until the worker has counted everything produced, then until no probe change has arrived for a second
    /// (so changes still on their way are not counted as lost); 20 s at most.
    /// </summary>
    public static async Task DrainAsync(Func<long> processed, long produced, ConcurrentQueue<ProbeReceipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(processed);
        ArgumentNullException.ThrowIfNull(receipts);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20) && processed() < produced)
        {
            await Task.Delay(50);
        }

        var count = -1;
        while (clock.Elapsed < TimeSpan.FromSeconds(20) && receipts.Count != count)
        {
            count = receipts.Count;
            await Task.Delay(1000);
        }
    }

    public static LevelResult Summarise(double fraction, double target, PacedRun run, ProbeCells probes, ConcurrentQueue<ProbeReceipt> receipts, long changes)
    {
        var received = new Dictionary<(int, long), ProbeReceipt>();
        while (receipts.TryDequeue(out var r))
        {
            received.TryAdd((r.Cell, r.Sample), r);
        }

        var histogram = new LongHistogram(120_000_000, 3);
        long lost = 0, wrong = 0;
        foreach (var (cell, sample) in run.Measured)
        {
            if (!received.TryGetValue((cell, sample), out var r))
            {
                lost++;
                continue;
            }

            wrong += r.To == ProbeCells.ExpectedState(sample) ? 0 : 1;
            var micros = (long)Stopwatch.GetElapsedTime(probes.ProducedAt(cell, sample), r.ReceivedAt).TotalMicroseconds;
            histogram.RecordValue(Math.Clamp(micros, 1, 120_000_000));
        }

        return new LevelResult(fraction, target, run.AchievedEps, histogram, run.Measured.Count, lost, wrong, run.MaxLag, changes, run.Aborted);
    }
}
