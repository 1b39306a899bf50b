using System.Diagnostics;
using QualityStream.EmbeddedKafka;
using QualityStream.Harness.Cli;
using QualityStream.Harness.Infrastructure;
using QualityStream.Testing;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Harness.Restore;

/// <summary>
/// Restore after a crash: a worker child fills its tasks with at least a million tracked leads, writes a checkpoint of
/// every task covering all of them, applies some more events, and is killed with SIGKILL; a fresh child in the same
/// group restores the tasks, reads back their outputs and replays the events the checkpoint does not hold. Timed from
/// the new process's start to <c>/readyz</c> and to consumer lag 0, against the cold start of a worker with nothing to
/// restore, measured in the same run; and checked: the restored worker's snapshot must equal the killed one's.
/// </summary>
public static class RestoreScenario
{
    private const string Prefix = "bench:";

    public static async Task<ResultLine> RunAsync(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var leads = args.Whole("leads", 1_000_000);
        var partitions = args.Whole("partitions", 12);
        var chunkEvents = args.Whole("chunk-events", 125_000);
        var replayEvents = args.Whole("replay-events", 100_000);
        var settings = new WorkerSettings(args.Whole("expected-leads-per-day", (int)Math.Ceiling(leads / 11.0)))
        {
            GroupId = $"bench-restore-{Guid.NewGuid():N}",
            CheckpointSeconds = args.Text("checkpoint-seconds") is null ? null : args.Whole("checkpoint-seconds", 30),
            SessionTimeoutMs = args.Text("session-timeout-ms") is null ? null : args.Whole("session-timeout-ms", 45_000),
            LogRestores = true,
            PublishPositions = true,
        };
        Console.WriteLine($"restore: at least {leads:N0} tracked leads, {partitions} partitions a topic, chunks of {chunkEvents:N0} events, {replayEvents:N0} more to replay; " +
            $"session timeout {(settings.SessionTimeoutMs is { } s ? $"{s:N0} ms" : "the client's default")}, " +
            $"checkpoints every {(settings.CheckpointSeconds is { } c ? $"{c} s" : "the worker's default")}; {Machine.Describe()}");

        using var kafka = EmbeddedKafkaCluster.Start();
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        await using var redis = await RedisProcess.StartAsync();
        await ApiKeys.AddBoardAsync(redis.Database, Prefix);

        var (coldReady, coldAssigned) = await ColdStart.MeasureAsync(kafka, redis.Configuration, partitions, settings);
        Console.WriteLine($"cold start (nothing to restore or consume): ready after {coldReady.TotalSeconds:F2} s, assigned after {coldAssigned?.TotalSeconds:F2} s");

        var topics = BenchTopics.Create(kafka, partitions);
        using var load = new LeadLoad(kafka.BootstrapServers, topics, (long)(leads * 2.2) + replayEvents, TimeSpan.FromMinutes(20));
        var killed = await WorkerChild.StartAsync(kafka.BootstrapServers, redis.Configuration, topics, Prefix, settings);
        TaskPositions loaded;
        try
        {
            loaded = await FillAsync(killed, load, partitions, leads, chunkEvents);
            var events = load.Produced;
            var waited = Stopwatch.StartNew();
            var ends = load.Ends();
            await Poll.UntilAsync(() => CommittedOffsets.Sum(kafka.BootstrapServers, settings.GroupId, load.Watermarks) == ends,
                TimeSpan.FromSeconds((settings.CheckpointSeconds ?? 30) + 60), "a checkpoint of every task covering every event", interval: TimeSpan.FromMilliseconds(100));
            var checkpointBytes = await CheckpointBytesAsync(redis.Database, settings.GroupId, partitions);
            Console.WriteLine($"checkpoints of all {partitions} tasks cover all {events:N0} events after {waited.Elapsed.TotalSeconds:F1} s: {checkpointBytes / 1e6:F1} MB in Redis " +
                $"for {loaded.TrackedLeads:N0} tracked leads ({checkpointBytes / (double)loaded.TrackedLeads:F1} B a lead)");
            var replayEnds = load.Produce(replayEvents);
            await CaughtUp.WaitAsync(killed, partitions, replayEnds, TimeSpan.FromSeconds(60));
            var before = await StableSnapshotAsync(killed.BaseAddress);
            var beforeLeads = killed.Positions.TrackedLeads;
            Console.WriteLine($"before the kill: {load.Produced:N0} events applied, {beforeLeads:N0} tracked leads; snapshot {before}");
            await killed.KillAsync();
            return await RestoreAsync(kafka, redis, topics, settings, load, coldReady, coldAssigned,
                new Before(before, beforeLeads, loaded.TrackedLeads, checkpointBytes, replayEnds, waited.Elapsed));
        }
        finally
        {
            await killed.DisposeAsync();
        }
    }

    /// <summary>The killed worker's state: what the restored one must reach, and what its checkpoints weighed.</summary>
    private sealed record Before(SnapshotTotals Snapshot, long TrackedLeads, long CheckpointedLeads, long CheckpointBytes, long Ends, TimeSpan CheckpointWait);

    private static async Task<ResultLine> RestoreAsync(EmbeddedKafkaCluster kafka, RedisProcess redis, BenchTopics topics, WorkerSettings settings,
        LeadLoad load, TimeSpan coldReady, TimeSpan? coldAssigned, Before before)
    {
        await using var restored = await WorkerChild.StartAsync(kafka.BootstrapServers, redis.Configuration, topics, Prefix, settings);
        var caughtUp = await CaughtUp.WaitAsync(restored, topics.Partitions, before.Ends, TimeSpan.FromSeconds(60));
        var ready = Stopwatch.GetElapsedTime(restored.StartedAt, restored.ReadyAt);
        var current = Stopwatch.GetElapsedTime(restored.StartedAt, caughtUp.Timestamp);
        var log = RestoreLog.Read(restored.Lines);
        var assigned = log.AssignedAt is { } at ? Stopwatch.GetElapsedTime(restored.StartedAt, at) : TimeSpan.Zero;
        var replayed = before.Ends - log.Tasks.Sum(t => t.ReplayFrom);
        Console.WriteLine($"restored worker: assigned after {assigned.TotalSeconds:F2} s, ready after {ready.TotalSeconds:F2} s, caught up after {current.TotalSeconds:F2} s");
        Console.WriteLine($"its {log.Tasks.Count} task restores took {log.Tasks.Sum(t => t.TotalMs):N0} ms in all: loading from Redis {log.Tasks.Sum(t => t.LoadMs):N0} ms, " +
            $"reading the state {log.Tasks.Sum(t => t.ReadMs):N0} ms, reading back outputs {log.Tasks.Sum(t => t.ReadBackMs):N0} ms (slowest task {log.Tasks.Max(t => t.TotalMs):N0} ms); " +
            $"then it replayed {replayed:N0} events in {(current - ready).TotalSeconds:F2} s");
        Console.WriteLine($"split of the {current.TotalSeconds:F2} s: process start and group join {assigned.TotalSeconds:F2} s (a cold start is assigned after {coldAssigned?.TotalSeconds:F2} s), " +
            $"restoring the tasks {(ready - assigned).TotalSeconds:F2} s, replaying to lag 0 {(current - ready).TotalSeconds:F2} s");

        // The source stage judges once a second on its tasks' sums: a snapshot taken the moment lag reaches 0 may precede that.
        SnapshotTotals? after = null;
        var tries = 0;
        await Poll.UntilAsync(async () =>
        {
            tries++;
            after = await SnapshotTotals.ReadAsync(restored.BaseAddress);
            return after == before.Snapshot;
        }, TimeSpan.FromSeconds(10), "the restored worker's snapshot to equal the killed one's",
            () => $"killed: {before.Snapshot}; restored: {after}", TimeSpan.FromSeconds(1));
        var trackedAfter = restored.Positions.TrackedLeads;
        if (trackedAfter != before.TrackedLeads)
        {
            throw new InvalidOperationException($"the restored worker tracks {trackedAfter:N0} leads; the killed one tracked {before.TrackedLeads:N0}");
        }

        Console.WriteLine($"restored snapshot equals the killed one's ({after}; {trackedAfter:N0} tracked leads){(tries > 1 ? $", at read {tries}" : "")}");
        return new ResultLine("restore")
            .Add("ready_s", ready.TotalSeconds, 2)
            .Add("caught_up_s", current.TotalSeconds, 2)
            .Add("cold_start_s", coldReady.TotalSeconds, 2)
            .Add("ready_minus_cold_s", (ready - coldReady).TotalSeconds, 2)
            .Add("caught_up_minus_cold_s", (current - coldReady).TotalSeconds, 2)
            .Add("assigned_s", assigned.TotalSeconds, 2)
            .Add("cold_assigned_s", coldAssigned?.TotalSeconds ?? -1, 2)
            .Add("after_join_s", (current - assigned).TotalSeconds, 2)
            .Add("restore_tasks_s", (ready - assigned).TotalSeconds, 2)
            .Add("load_ms", log.Tasks.Sum(t => t.LoadMs))
            .Add("read_ms", log.Tasks.Sum(t => t.ReadMs))
            .Add("readback_ms", log.Tasks.Sum(t => t.ReadBackMs))
            .Add("replay_s", (current - ready).TotalSeconds, 2)
            .Add("replayed_events", replayed)
            .Add("tracked_leads", before.TrackedLeads)
            .Add("checkpoint_mb", before.CheckpointBytes / 1e6, 1)
            .Add("checkpoint_bytes_per_lead", before.CheckpointBytes / (double)before.CheckpointedLeads, 1)
            .Add("checkpoint_wait_s", before.CheckpointWait.TotalSeconds, 1)
            .Add("snapshot_cells", after!.Cells)
            .Add("snapshot_samples", after.Samples)
            .Add("snapshot_match", 1)
            .Add("events", load.Produced)
            .Add("partitions", topics.Partitions)
            .Add("session_timeout_ms", settings.SessionTimeoutMs ?? -1)
            .Add("checkpoint_seconds", settings.CheckpointSeconds ?? -1)
            .Add("load1", Machine.LoadAverage(), 2);
    }

    /// <summary>Produces chunks, each applied in full before the next, until the worker tracks <paramref name="leads"/> leads.</summary>
    private static async Task<TaskPositions> FillAsync(WorkerChild worker, LeadLoad load, int partitions, int leads, int chunkEvents)
    {
        var clock = Stopwatch.StartNew();
        var positions = worker.Positions;
        for (var chunk = 1; positions.TrackedLeads < leads; chunk++)
        {
            var ends = load.Produce(chunkEvents);
            positions = await CaughtUp.WaitAsync(worker, partitions, ends, TimeSpan.FromSeconds(60));
            if (chunk % 4 == 0 || positions.TrackedLeads >= leads)
            {
                Console.WriteLine($"loaded {load.Produced:N0} events in {chunk} chunks, {clock.Elapsed.TotalSeconds:F1} s: {positions.TrackedLeads:N0} tracked leads");
            }
        }

        return positions;
    }

    /// <summary>
    /// The snapshot once two reads a second and a half apart agree: the source stage judges once a second, on its tasks'
    /// sums, so the source cells may trail the last events by that long.
    /// </summary>
    private static async Task<SnapshotTotals> StableSnapshotAsync(Uri worker)
    {
        var last = await SnapshotTotals.ReadAsync(worker);
        var current = last;
        await Poll.UntilAsync(async () =>
        {
            (last, current) = (current, await SnapshotTotals.ReadAsync(worker));
            return current == last;
        }, TimeSpan.FromSeconds(15), "two equal snapshots of the worker about to be killed", () => $"{last} then {current}", TimeSpan.FromSeconds(1.5));
        return current;
    }

    private static async Task<long> CheckpointBytesAsync(IDatabase db, string group, int partitions)
    {
        var keys = new RedisKeys(Prefix);
        long bytes = 0;
        for (var p = 0; p < partitions; p++)
        {
            bytes += await db.StringLengthAsync(keys.Checkpoint(group, p));
        }

        return bytes;
    }
}
