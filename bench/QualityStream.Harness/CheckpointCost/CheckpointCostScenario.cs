using QualityStream.Harness.Ceiling;
using QualityStream.Harness.Cli;
using QualityStream.Harness.Infrastructure;

namespace QualityStream.Harness.CheckpointCost;

/// <summary>
/// What checkpoints cost the worker's throughput: the ceiling's chunks read by two worker children, one writing its
/// checkpoints every <c>--checkpoint-seconds</c> (shorter than the time between two of its thaws, so each chunk starts
/// with a round of checkpoints of every task), the other every hour (none during the run), besides the bare consumer
/// and the minimal worker, taking turns within each chunk. The cost is charged from the thaw, since a round comes due
/// while the worker is frozen and runs before its first event.
/// </summary>
public static class CheckpointCostScenario
{
    /// <summary>The worker's default interval, to project the cost a round has at it.</summary>
    private const int DefaultIntervalSeconds = 30;

    public static async Task<ResultLine> RunAsync(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var events = args.Whole("events", 1_000_000);
        var chunks = args.Whole("chunks", 8);
        var partitions = args.Whole("partitions", 12);
        var warmupChunks = args.Whole("warmup-chunks", 4);
        var seconds = args.Whole("checkpoint-seconds", 1);
        var expectedLeadsPerDay = args.Whole("expected-leads-per-day", ChunkedCeiling.LeadsPerDayFor(events, chunks, warmupChunks));
        Console.WriteLine($"checkpoint-cost: {events:N0} events in {chunks} chunks, {partitions} partitions a topic; checkpoints every {seconds} s against every 3600 s; {Machine.Describe()}");
        var results = await ChunkedCeiling.MeasureAsync(events, chunks, partitions, warmupChunks,
        [
            ("worker on", new WorkerSettings(expectedLeadsPerDay) { CheckpointSeconds = seconds }),
            ("worker off", new WorkerSettings(expectedLeadsPerDay) { CheckpointSeconds = 3600 }),
        ]);
        var (on, off) = (results[0], results[1]);
        var cost = 1 - (on.Worker.EventsPerSecondSinceThaw / off.Worker.EventsPerSecondSinceThaw);
        var costFromFirstEvent = 1 - (on.Worker.EventsPerSecond / off.Worker.EventsPerSecond);
        var everyChunk = on.ShortestThawGap >= TimeSpan.FromSeconds(seconds);
        // The time the worker with checkpoints took beyond the other's for the same events, a round of checkpoints each chunk.
        var roundMs = (on.Worker.SinceThaw.TotalMilliseconds - (off.Worker.SinceThaw.TotalMilliseconds * on.Worker.Events / off.Worker.Events)) / chunks;
        var projected = roundMs / ((DefaultIntervalSeconds * 1000.0) + roundMs);
        var rounds = (on.CheckpointWrites - partitions) / (double)partitions;
        var writeMs = on.CheckpointWrites > 0 ? on.CheckpointWriteSeconds * 1000 / on.CheckpointWrites : 0;
        Console.WriteLine($"from the thaw: with checkpoints {on.Worker.EventsPerSecondSinceThaw:N0} ev/s, without {off.Worker.EventsPerSecondSinceThaw:N0} ev/s: cost {cost:P1} " +
            $"(from the first event: {costFromFirstEvent:P1}); {(everyChunk ? "every" : "NOT every")} measured chunk began with a round of checkpoints " +
            $"(thaws at least {on.ShortestThawGap.TotalSeconds:F1} s apart; {rounds:F0} rounds in the run, warm-up and end included)");
        Console.WriteLine($"a round cost {roundMs:F0} ms ({partitions} tasks, {writeMs:F1} ms each to take and store); once every {DefaultIntervalSeconds} s at full speed that is {projected:P2}");
        Console.WriteLine($"ceiling ratios: with checkpoints {on.Ratio:F2}, without {off.Ratio:F2}; minimal worker {on.MinimalRatio:F2}; " +
            $"the workers reached {on.Ratio / on.MinimalRatio:P0} and {off.Ratio / off.MinimalRatio:P0} of it");
        return new ResultLine("checkpoint-cost")
            .Add("checkpoint_cost", cost, 3)
            .Add("checkpoint_cost_first_event", costFromFirstEvent, 3)
            .Add("on_eps", on.Worker.EventsPerSecondSinceThaw)
            .Add("off_eps", off.Worker.EventsPerSecondSinceThaw)
            .Add("round_ms", roundMs, 1)
            .Add("projected_cost_30s", projected, 4)
            .Add("rounds_every_chunk", everyChunk ? 1 : 0)
            .Add("checkpoint_write_ms", writeMs, 1)
            .Add("on_ratio", on.Ratio, 2)
            .Add("off_ratio", off.Ratio, 2)
            .Add("minimal_ratio", on.MinimalRatio, 2)
            .Add("on_vs_minimal", on.Ratio / on.MinimalRatio, 2)
            .Add("off_vs_minimal", off.Ratio / off.MinimalRatio, 2)
            .Add("bare_eps", on.Bare.EventsPerSecond)
            .Add("on_cpu_us", on.WorkerCpuUs, 2)
            .Add("off_cpu_us", off.WorkerCpuUs, 2)
            .Add("not_applied", on.NotApplied + off.NotApplied)
            .Add("events", on.Bare.Events)
            .Add("checkpoint_seconds", seconds)
            .Add("load1", Machine.LoadAverage(), 2);
    }
}
