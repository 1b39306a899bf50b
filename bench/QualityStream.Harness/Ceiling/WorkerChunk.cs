using System.Diagnostics;
using QualityStream.Harness.Infrastructure;

namespace QualityStream.Harness.Ceiling;

/// <summary>
/// Thaws the frozen worker to consume one produced chunk, times it from the first to the last counted event
/// (<c>qualitystream_events_total</c> as the child publishes it every millisecond), then freezes it again.
/// </summary>
public static class WorkerChunk
{
    /// <summary>
    /// Times one chunk. <paramref name="cpu"/> gains the CPU time the worker's threads used (frozen before and after, so
    /// all of it is this chunk's); <paramref name="brokerCpu"/> gains this process's meanwhile: the embedded broker
    /// serving the worker.
    /// </summary>
    public static PhaseTiming Process(WorkerChild worker, long expected, Dictionary<string, long> cpu, Dictionary<string, long> brokerCpu)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var cpuBefore = ThreadCpu.Sample(worker.ProcessId);
        var brokerBefore = ThreadCpu.Sample(Environment.ProcessId);
        var before = worker.Progress.Total;
        var target = before + expected;
        var thawed = Stopwatch.GetTimestamp();
        worker.Thaw();
        ProgressSample? first = null;
        ProgressSample? ninetyNine = null;
        var last = worker.Progress;
        var lastProgress = Stopwatch.StartNew();
        while (last.Total < target)
        {
            Thread.Sleep(1);
            var now = worker.Progress;
            if (now.Total == last.Total)
            {
                if (lastProgress.Elapsed > TimeSpan.FromSeconds(first is null ? 60 : 10))
                {
                    // Every event should be counted; if some never are, report it and time what was.
                    Console.Error.WriteLine($"worker stalled at {last.Total - before} of {expected} events; timing stops at the last increment");
                    break;
                }

                continue;
            }

            first ??= now;
            if (ninetyNine is null && now.Total - before >= expected * 99 / 100)
            {
                ninetyNine = now;
            }

            last = now;
            lastProgress.Restart();
        }

        worker.Freeze();
        ThreadCpu.AddDelta(brokerCpu, brokerBefore, ThreadCpu.Sample(Environment.ProcessId));
        ThreadCpu.AddDelta(cpu, cpuBefore, ThreadCpu.Sample(worker.ProcessId));
        return first is not { } f
            ? new PhaseTiming(0, 0, TimeSpan.Zero)
            : new PhaseTiming(last.Total - before, last.Total - f.Total, Stopwatch.GetElapsedTime(f.Timestamp, last.Timestamp),
                ninetyNine is { } n ? Stopwatch.GetElapsedTime(n.Timestamp, last.Timestamp) : TimeSpan.Zero, Stopwatch.GetElapsedTime(thawed, last.Timestamp));
    }
}
