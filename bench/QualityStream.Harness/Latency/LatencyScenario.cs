using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using QualityStream.Core.Snapshots;
using QualityStream.EmbeddedKafka;
using QualityStream.Harness.Ceiling;
using QualityStream.Harness.Cli;
using QualityStream.Harness.Infrastructure;
using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Latency;

/// <summary>
/// End-to-end latency: probe lead produced → its <c>StateChanged</c> received by a board SignalR client, while the
/// worker (in this process) carries background traffic at fractions of its sustainable rate.
/// </summary>
public static class LatencyScenario
{
    private const string Prefix = "bench:";

    public static async Task<ResultLine> RunAsync(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var partitions = args.Whole("partitions", 12);
        var fractions = (args.Text("levels") ?? "0.5,0.8").Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var warmup = TimeSpan.FromSeconds(args.Number("warmup-seconds", 5));
        var measured = TimeSpan.FromSeconds(args.Number("seconds", 30));
        var probeRate = args.Number("probe-rate", 200);
        var sustainable = args.Number("worker-eps", 0);
        Console.WriteLine($"latency: levels {string.Join("/", fractions)}, {measured.TotalSeconds:F0} s each after {warmup.TotalSeconds:F0} s warm-up; {Machine.Describe()}");
        if (sustainable <= 0)
        {
            var quick = await ChunkedCeiling.MeasureAsync(300_000, 3, partitions, warmupChunks: 1);
            sustainable = quick.Worker.EventsPerSecond;
            Console.WriteLine($"quick ceiling: worker {sustainable:N0} ev/s (bare {quick.Bare.EventsPerSecond:N0})");
        }

        using var kafka = EmbeddedKafkaCluster.Start();
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var topics = BenchTopics.Create(kafka, partitions);
        await using var redis = await RedisProcess.StartAsync();
        var capacity = (int)(probeRate * (warmup + measured).TotalSeconds * fractions.Length / partitions) + 1000;
        var probes = new ProbeCells(partitions, capacity);
        await LatencyThresholds.WriteAsync(redis.Database, Prefix, probes);
        await ApiKeys.AddBoardAsync(redis.Database, Prefix);
        await using var worker = await InProcessWorker.StartAsync(kafka.BootstrapServers, redis.Configuration, topics, Prefix);
        var receipts = new ConcurrentQueue<ProbeReceipt>();
        long changes = 0;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(worker.BaseAddress, "/hubs/quality"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(ApiKeys.Board))
            .Build();
        hub.On<QualityStateChanged>("StateChanged", change =>
        {
            var at = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref changes);
            var cell = probes.CellOf(change.BuyerId);
            if (cell >= 0 && change.Scope == "buyer_source" && change.Metric == "validity")
            {
                receipts.Enqueue(new ProbeReceipt(cell, change.Sample, change.To, at));
            }
        });
        await hub.StartAsync();

        using var producer = new EventProducer(kafka.BootstrapServers, topics);
        var model = new TrafficModel(partitions);
        var lagLimit = (long)(0.4 * 5_000_000 * partitions * 2 / 330);
        var line = new ResultLine("latency").Add("worker_eps", sustainable);
        foreach (var fraction in fractions)
        {
            var changesBefore = Interlocked.Read(ref changes);
            var run = new PacedRun(producer, model, probes, worker.Events, lagLimit);
            await Task.Factory.StartNew(() => run.Run(sustainable * fraction, probeRate, warmup, measured), TaskCreationOptions.LongRunning);
            producer.Flush();
            await LevelSummary.DrainAsync(worker.Events, producer.Produced, receipts, run.Measured.Count);
            var level = LevelSummary.Summarise(fraction, sustainable * fraction, run, probes, receipts, Interlocked.Read(ref changes) - changesBefore);
            Console.WriteLine($"level {fraction:P0}: target {level.TargetEps:N0} ev/s, achieved {level.AchievedEps:N0}; {level.Probes} probes, " +
                $"p50 {level.Percentile(50):F1} ms, p99 {level.Percentile(99):F1} ms, p99.9 {level.Percentile(99.9):F1} ms, max {level.MaxMs:F1} ms; " +
                $"lost {level.Lost}, wrong state {level.WrongState}, max lag {level.MaxLag:N0}, state changes received {level.StateChangesReceived:N0}" +
                (level.Aborted is null ? "" : $"; ABORTED {level.Aborted}"));
            var tag = ((int)Math.Round(fraction * 100)).ToString(CultureInfo.InvariantCulture);
            line.Add($"eps_{tag}", level.AchievedEps).Add($"p50_ms_{tag}", level.Percentile(50), 1).Add($"p99_ms_{tag}", level.Percentile(99), 1)
                .Add($"p999_ms_{tag}", level.Percentile(99.9), 1).Add($"max_ms_{tag}", level.MaxMs, 1).Add($"probes_{tag}", level.Probes)
                .Add($"lost_{tag}", level.Lost).Add($"changes_per_s_{tag}", level.StateChangesReceived / (warmup + measured).TotalSeconds);
            if (level.Aborted is not null)
            {
                line.Add($"aborted_{tag}", level.Aborted);
                break;
            }
        }

        return line.Add("load1", Machine.LoadAverage(), 2);
    }
}
