using QualityStream.Harness.Cli;
using QualityStream.Harness.Infrastructure;
using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Ceiling;

/// <summary>
/// Throughput ceiling: the full worker against a bare consumer on the same broker and the same data
/// (<see cref="ChunkedCeiling"/>), with a per-stage time breakdown of the worker's own processing.
/// </summary>
public static class CeilingScenario
{
    public static async Task<ResultLine> RunAsync(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var events = args.Whole("events", 1_000_000);
        var chunks = args.Whole("chunks", 8);
        var partitions = args.Whole("partitions", 12);
        Console.WriteLine($"ceiling: {events:N0} events in {chunks} chunks, {partitions} partitions a topic; {Machine.Describe()}");
        Console.WriteLine(TrafficSelfCheck.Run(partitions));
        var genEps = GeneratorSpeed.Templates(partitions);
        var simEps = GeneratorSpeed.Simulator();
        Console.WriteLine($"generators: templates {genEps:N0} ev/s, simulator TrafficGenerator {simEps:N0} ev/s");
        // Four: the worker runs only while a chunk is measured, so tiered PGO still recompiles its hot path (and the
        // checkpoint and replay paths it now has) in the first chunks after two, which a worker that has run for a few
        // seconds no longer pays. The chunk log's "jit" figure shows when it has settled.
        var warmupChunks = args.Whole("warmup-chunks", 4);
        var expectedLeadsPerDay = args.Whole("expected-leads-per-day", ChunkedCeiling.LeadsPerDayFor(events, chunks, warmupChunks));
        // Checkpoints off (an hour apart): the chunks compress the worker's work, so rounds due every 30 s of wall clock
        // would land in its few measured seconds far more often than at any real rate. checkpoint-cost measures them.
        var worker = new WorkerSettings(expectedLeadsPerDay) { CheckpointSeconds = 3600 };
        var result = (await ChunkedCeiling.MeasureAsync(events, chunks, partitions, warmupChunks, [("worker", worker)]))[0];
        var stages = StageBreakdown.Measure();
        Console.WriteLine($"per event on one thread, no Kafka: decode {stages.DecodeUs:F2} us, inspect {stages.InspectUs:F2} us, engine {stages.EngineUs:F2} us; " +
            $"worker pipeline (all three + publish + metrics) {stages.PipelineUs:F2} us; vs worker {1e6 / result.Worker.EventsPerSecond:F2} us " +
            $"and bare consumer {1e6 / result.Bare.EventsPerSecond:F2} us an event end to end");
        // How far the ratio could go at all on this machine: the target is only reachable if it is well below this.
        var boundEps = stages.BoundEventsPerSecond(result.BareCpuUs, Environment.ProcessorCount);
        var boundRatio = boundEps / result.Bare.EventsPerSecond;
        Console.WriteLine($"bound: reading as the bare consumer does ({result.BareCpuUs:F2} us with its broker) plus the three stages alone, nothing else, " +
            $"all {Environment.ProcessorCount} cores busy: {boundEps:N0} ev/s, ratio {boundRatio:F2}; the worker reached {result.Ratio / boundRatio:P0} of it");
        Console.WriteLine($"minimal worker (read, decode, inspect, engine on two threads, nothing else): {result.Minimal.EventsPerSecond:N0} ev/s, ratio {result.MinimalRatio:F2}; " +
            $"the worker reached {result.Ratio / result.MinimalRatio:P0} of it");
        return new ResultLine("ceiling")
            .Add("ceiling_ratio", result.Ratio, 2)
            .Add("worker_eps", result.Worker.EventsPerSecond)
            .Add("bare_eps", result.Bare.EventsPerSecond)
            .Add("events", result.Bare.Events)
            .Add("worker_counted", result.Worker.Events)
            .Add("not_applied", result.NotApplied)
            .Add("worker_last_pct_ms", result.Worker.LastPercent.TotalMilliseconds)
            .Add("worker_ms", result.Worker.Elapsed.TotalMilliseconds)
            .Add("chunks", chunks)
            .Add("partitions", partitions)
            .Add("max_chunk_partition_mb", result.MaxChunkPartitionBytes / 1e6, 2)
            .Add("worker_cpu_us", result.WorkerCpuUs, 2)
            .Add("worker_broker_cpu_us", result.BrokerCpuUs, 2)
            .Add("bare_cpu_us", result.BareCpuUs, 2)
            .Add("worker_alloc_b", result.WorkerAllocBytes)
            .Add("worker_gc_pause_us", result.WorkerGcPauseUs, 2)
            .Add("decode_us", stages.DecodeUs, 2)
            .Add("inspect_us", stages.InspectUs, 2)
            .Add("engine_us", stages.EngineUs, 2)
            .Add("pipeline_us", stages.PipelineUs, 2)
            .Add("bound_eps", boundEps)
            .Add("bound_ratio", boundRatio, 2)
            .Add("minimal_eps", result.Minimal.EventsPerSecond)
            .Add("minimal_ratio", result.MinimalRatio, 2)
            .Add("expected_leads_per_day", expectedLeadsPerDay)
            .Add("gen_eps", genEps)
            .Add("simgen_eps", simEps)
            .Add("load1", Machine.LoadAverage(), 2);
    }
}
