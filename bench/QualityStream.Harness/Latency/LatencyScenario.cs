using System.Diagnostics;
using System.Globalization;
using QualityStream.EmbeddedKafka;
using QualityStream.Harness.Ceiling;
using QualityStream.Harness.Cli;
using QualityStream.Harness.Infrastructure;
using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Latency;

/// <summary>
/// End-to-end latency: probe lead produced → its <c>StateChanged</c> received by a board SignalR client, while the
/// worker (in this process) carries background traffic at fractions of its sustainable rate: the rate it keeps up with
/// while this process also generates and produces the load (found by <see cref="SustainableRate"/> unless given).
/// </summary>
public static class LatencyScenario
{
    private const string Prefix = "bench:";

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    public static async Task<ResultLine> RunAsync(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var partitions = args.Whole("partitions", 12);
        var fractions = (args.Text("levels") ?? "0.5,0.8").Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var warmup = TimeSpan.FromSeconds(args.Number("warmup-seconds", 5));
        var measured = TimeSpan.FromSeconds(args.Number("seconds", 30));
        var probeRate = args.Number("probe-rate", 200);
        var ceiling = args.Number("ceiling-eps", 0);
        var sustainable = args.Number("sustainable-eps", 0);
        var client = args.Text("client") ?? "board";
        var searchHold = TimeSpan.FromSeconds(args.Number("search-seconds", 20));
        var scrapeEvery = TimeSpan.FromSeconds(args.Number("scrape-seconds", 15));
        var inProcess = (args.Text("worker") ?? "child") == "in-process";
        // Sized for the leads a full run delivers, as a busy worker would be configured for its traffic: sized for less,
        // the lead index doubled during the 80 % level and the copy stalled the worker long enough to abort the run.
        var expectedLeadsPerDay = args.Whole("expected-leads-per-day", 2_000_000);
        Console.WriteLine($"latency: levels {string.Join("/", fractions)}, {measured.TotalSeconds:F0} s each after {warmup.TotalSeconds:F0} s warm-up; {Machine.Describe()}");
        if (ceiling <= 0 && sustainable <= 0)
        {
            var quick = (await ChunkedCeiling.MeasureAsync(300_000, 3, partitions, warmupChunks: 1,
                [("worker", new WorkerSettings(ChunkedCeiling.LeadsPerDayFor(300_000, 3, warmupChunks: 1)))]))[0];
            ceiling = quick.Worker.EventsPerSecond;
            Console.WriteLine($"quick ceiling: worker {ceiling:N0} ev/s (bare {quick.Bare.EventsPerSecond:N0})");
        }

        using var kafka = EmbeddedKafkaCluster.Start();
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var topics = BenchTopics.Create(kafka, partitions);
        await using var redis = await RedisProcess.StartAsync();
        // Room for every probe of the warm-up, the sustainable-rate search (5 steps of 2 s + the hold) and the levels.
        var probeSeconds = WarmUp.TotalSeconds + ((warmup + measured).TotalSeconds * fractions.Length) + (5 * (2 + searchHold.TotalSeconds)) + 20;
        var capacity = (int)(probeRate * probeSeconds / partitions) + 1000;
        var probes = new ProbeCells(partitions, capacity);
        await LatencyThresholds.WriteAsync(redis.Database, Prefix, probes);
        // The worker runs in a process of its own, as in production: in this one, the load generator's and the SignalR
        // client's garbage would be collected in the worker's pauses.
        await using var worker = inProcess
            ? await BenchWorker.InProcessAsync(kafka.BootstrapServers, redis.Configuration, topics, Prefix, expectedLeadsPerDay)
            : await BenchWorker.ChildAsync(kafka.BootstrapServers, redis.Configuration, topics, Prefix, expectedLeadsPerDay);
        await using var listener = await ProbeListener.StartAsync(worker.BaseAddress, redis.Database, Prefix, probes, client);
        var receipts = listener.Receipts;

        using var producer = new LoadProducers(kafka.BootstrapServers, topics);
        // This process's pauses delay the probes' timestamps and receipts too: report them beside the worker's.
        using var harnessGc = new GcWatcher();
        var model = new TrafficModel(partitions);
        var lagLimit = (long)(0.4 * 5_000_000 * partitions * 2 / 330);
        await WarmUpAsync(producer, model, probes, worker, (sustainable > 0 ? sustainable / 4 : ceiling / 8), probeRate, lagLimit);
        if (sustainable <= 0)
        {
            sustainable = await SustainableRate.FindAsync(producer, model, probes, worker.Processed, ceiling, probeRate, lagLimit, searchHold);
        }

        Console.WriteLine($"sustainable rate with the load generator on the same cores: {sustainable:N0} ev/s (isolated ceiling {ceiling:N0})");
        var line = new ResultLine("latency").Add("sustainable_eps", sustainable).Add("ceiling_eps", ceiling);
        foreach (var fraction in fractions)
        {
            receipts.Clear();
            var changesBefore = listener.Changes;
            var internalBefore = await MetricsScrape.HistogramAsync(worker.ManagementAddress, "qualitystream_event_to_state_change_seconds");
            // A scrape builds every exported cell's series (5,000 cells by default): let the collections it causes pass
            // before the level starts, or they land in its first seconds (a level once aborted on them).
            await Task.Delay(TimeSpan.FromSeconds(3));
            // After the scrape and before the next: a scrape's per-cell series are garbage of their own.
            var gcBefore = worker.Gc();
            var harnessGcBefore = harnessGc.Current;
            var processedBefore = worker.Processed();
            var run = new PacedRun(producer, model, probes, worker.Processed, lagLimit);
            var scrapes = PeriodicScrape.Start(worker.ManagementAddress, scrapeEvery);
            await using (scrapes)
            {
                await LevelSummary.RunThenDrainAsync(() => run.Run(sustainable * fraction, probeRate, warmup, measured), producer, worker.Processed, receipts);
            }

            var gc = worker.Gc().Minus(gcBefore);
            var ownGc = harnessGc.Current.Minus(harnessGcBefore);
            var consumed = worker.Processed() - processedBefore;
            // Timed: after a level the cells chosen for the per-cell series have turned over, the costliest scrape there is.
            var scrapeClock = Stopwatch.StartNew();
            var inside = (await MetricsScrape.HistogramAsync(worker.ManagementAddress, "qualitystream_event_to_state_change_seconds")).Minus(internalBefore);
            var scrapeMs = scrapeClock.Elapsed.TotalMilliseconds;
            var level = LevelSummary.Summarise(fraction, sustainable * fraction, run, probes, receipts, listener.Changes - changesBefore);
            Console.WriteLine($"level {fraction:P0}: target {level.TargetEps:N0} ev/s, achieved {level.AchievedEps:N0}; {level.Probes} probes, " +
                $"p50 {level.Percentile(50):F1} ms, p99 {level.Percentile(99):F1} ms, p99.9 {level.Percentile(99.9):F1} ms, max {level.MaxMs:F1} ms; " +
                $"lost {level.Lost}, wrong state {level.WrongState}, max lag {level.MaxLag:N0}, state changes received {level.StateChangesReceived:N0}" +
                (level.Aborted is null ? "" : $"; ABORTED {level.Aborted}"));
            Console.WriteLine("  lag each second (thousands): " + string.Join(' ', run.LagSamples.Where((_, i) => i % 10 == 9).Select(l => (l / 1000).ToString(CultureInfo.InvariantCulture))));
            Console.WriteLine($"  inside the worker (event timestamp -> change emitted, all {inside.Count:N0} changes, bucket bounds): p50 <= {inside.UpperBound(0.5) * 1000:F0} ms, p99 <= {inside.UpperBound(0.99) * 1000:F0} ms");
            Console.WriteLine($"  worker GC: {gc.Describe(consumed)}");
            Console.WriteLine($"  /metrics scrapes during the level (every {scrapeEvery.TotalSeconds:F0} s): {scrapes.DurationsMs.Count}" +
                (scrapes.DurationsMs.Count == 0 ? "" : $", longest {scrapes.DurationsMs.Max():N0} ms"));
            Console.WriteLine($"  /metrics scrape after the level: {scrapeMs:N0} ms");
            Console.WriteLine($"  harness GC (load generator, broker, client): {ownGc.Describe(consumed)}");
            var tag = ((int)Math.Round(fraction * 100)).ToString(CultureInfo.InvariantCulture);
            line.Add($"eps_{tag}", level.AchievedEps).Add($"p50_ms_{tag}", level.Percentile(50), 1).Add($"p99_ms_{tag}", level.Percentile(99), 1)
                .Add($"p999_ms_{tag}", level.Percentile(99.9), 1).Add($"max_ms_{tag}", level.MaxMs, 1).Add($"probes_{tag}", level.Probes)
                .Add($"lost_{tag}", level.Lost).Add($"worker_p50_le_ms_{tag}", inside.UpperBound(0.5) * 1000).Add($"worker_p99_le_ms_{tag}", inside.UpperBound(0.99) * 1000).Add($"changes_per_s_{tag}", level.StateChangesReceived / (warmup + measured).TotalSeconds)
                .Add($"gc_pause_ms_{tag}", gc.PauseMs).Add($"gc_pauses_50ms_{tag}", gc.Over50Ms).Add($"gc_pauses_100ms_{tag}", gc.Over100Ms)
                .Add($"alloc_b_{tag}", consumed > 0 ? gc.AllocatedBytes / (double)consumed : 0)
                .Add($"harness_gc_pauses_50ms_{tag}", ownGc.Over50Ms).Add($"scrape_ms_{tag}", scrapeMs, 0)
                .Add($"scrapes_during_{tag}", scrapes.DurationsMs.Count).Add($"scrape_during_max_ms_{tag}", scrapes.DurationsMs.DefaultIfEmpty(0).Max(), 0);
            if (level.Aborted is not null)
            {
                line.Add($"aborted_{tag}", level.Aborted);
                break;
            }
        }

        // Emitted here, before the in-process worker is disposed (QualityPipeline can throw from a tick during disposal).
        return line.Add("client", client).Add("worker", inProcess ? "in-process" : "child").Add("scrape_seconds", scrapeEvery.TotalSeconds).Add("load1", Machine.LoadAverage(), 2).Emit();
    }

    /// <summary>
    /// A fresh worker pays for JIT and for the first touch of its tables' pages (faults, zeroing) for several seconds:
    /// a cold worker fell far behind in its first seconds. Warm it first, so that neither the search's
    /// first step nor a level measures that.
    /// </summary>
    private static async Task WarmUpAsync(LoadProducers producer, TrafficModel model, ProbeCells probes, BenchWorker worker, double rate,
        double probeRate, long lagLimit)
    {
        var run = new PacedRun(producer, model, probes, worker.Processed, lagLimit);
        await LevelSummary.RunThenDrainAsync(() => run.Run(rate, probeRate, TimeSpan.Zero, WarmUp), producer, worker.Processed);
        Console.WriteLine($"warm-up: {rate:N0} ev/s for {WarmUp.TotalSeconds:F0} s, max lag {run.MaxLag:N0}" + (run.Aborted is null ? "" : $" (stopped early: {run.Aborted})"));
    }
}
