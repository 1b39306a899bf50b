using Confluent.Kafka;
using QualityStream.EmbeddedKafka;
using QualityStream.Harness.Infrastructure;
using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Ceiling;

/// <summary>
/// Worker and bare consumer on the same broker and data, chunk by chunk. Each chunk is produced while the worker (a
/// child process) is frozen, then read by both, alternating who goes first, so neither shares the CPU with the
/// producer; and no chunk outgrows the mock broker's ~5 MB a partition before both have read it.
/// </summary>
public static class ChunkedCeiling
{
    /// <summary>Half the mock's 5 MB a partition: a chunk must fit twice, since the previous one is still retained.</summary>
    private const long ChunkBytesLimit = 2_500_000;

    /// <summary>
    /// The capacity hint that fits a run: its leads (half its events, warm-up included) spread over the 11 days leads
    /// are kept, so the worker's tables are sized as a busy worker's would be.
    /// </summary>
    public static int LeadsPerDayFor(int events, int chunks, int warmupChunks) =>
        (int)Math.Ceiling((events + (warmupChunks * (events / chunks))) / 2.0 / 11);

    /// <summary>
    /// Runs the chunks on a fresh broker and Redis, with one worker child for each of <paramref name="workers"/> (each
    /// in a group of its own), and returns one result for each, all against the same bare consumer and minimal worker;
    /// <paramref name="warmupChunks"/> more run first, unmeasured. Within a chunk the readers take turns, the order
    /// reversed every other chunk.
    /// </summary>
    public static async Task<IReadOnlyList<CeilingResult>> MeasureAsync(int events, int chunks, int partitions, int warmupChunks,
        IReadOnlyList<(string Name, WorkerSettings Settings)> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var chunkSize = events / chunks;
        using var kafka = EmbeddedKafkaCluster.Start();
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var topics = BenchTopics.Create(kafka, partitions);
        await using var redis = await RedisProcess.StartAsync();
        var children = new List<WorkerChild>();
        try
        {
            foreach (var (_, settings) in workers)
            {
                var child = await WorkerChild.StartAsync(kafka.BootstrapServers, redis.Configuration, topics, "bench:", settings);
                children.Add(child);
                child.Freeze();
            }

            var lanes = workers.Select((w, i) => new WorkerLane(children[i], w.Name)).ToList();
            return await MeasureAsync(kafka, topics, lanes, events, chunks, warmupChunks, workers[0].Settings.ExpectedLeadsPerDay, chunkSize);
        }
        finally
        {
            foreach (var child in children)
            {
                await child.DisposeAsync();
            }
        }
    }

    private static async Task<IReadOnlyList<CeilingResult>> MeasureAsync(EmbeddedKafkaCluster kafka, BenchTopics topics, List<WorkerLane> lanes,
        int events, int chunks, int warmupChunks, int expectedLeadsPerDay, int chunkSize)
    {
        var partitions = topics.Partitions;
        using var producer = new EventProducer(kafka.BootstrapServers, topics);
        using var watermarks = new Watermarks(kafka.BootstrapServers, topics);
        var model = new TrafficModel(partitions);
        // One hour of event time ending now, so every event lands inside the 1h and 24h windows.
        var originMs = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var stepMs = 3_600_000.0 / (events + (warmupChunks * chunkSize));
        var minimal = new MinimalWorker(topics, expectedLeadsPerDay);
        PhaseTiming bareTotal = default, minimalTotal = default;
        Dictionary<string, long> bareCpu = [];
        long maxChunkBytes = 0;
        for (var k = -warmupChunks; k < chunks; k++)
        {
            var start = watermarks.Read().ToDictionary(kv => kv.Key, kv => kv.Value.High.Value);
            var deliveryBytes = (long[])producer.DeliveryBytes.Clone();
            var feedbackBytes = (long[])producer.FeedbackBytes.Clone();
            for (var i = 0; i < chunkSize; i++)
            {
                var n = model.Generated;
                producer.Produce(model.Next(originMs + (long)(n * stepMs)));
            }

            producer.Flush();
            var chunkBytes = Enumerable.Range(0, partitions).Max(p => Math.Max(producer.DeliveryBytes[p] - deliveryBytes[p], producer.FeedbackBytes[p] - feedbackBytes[p]));
            maxChunkBytes = Math.Max(maxChunkBytes, chunkBytes);
            var expected = CheckRetained(watermarks, start, chunkBytes);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            if (k == 0)
            {
                lanes.ForEach(l => l.StartMeasuring());
            }

            Dictionary<string, long> chunkBareCpu = [];
            PhaseTiming bare = default, least = default;
            var work = new (PhaseTiming Timing, Dictionary<string, long> Cpu)[lanes.Count];
            // The bare consumer, the minimal worker, then each worker; every other chunk the other way round.
            var turns = new List<Action>
            {
                () => bare = ReadBare(kafka.BootstrapServers, start, expected, chunkBareCpu),
                () => least = minimal.Read(kafka.BootstrapServers, start, expected),
            };
            turns.AddRange(lanes.Select((lane, i) => (Action)(() => work[i] = lane.Consume(expected, measured: k >= 0))));
            if (k % 2 != 0)
            {
                turns.Reverse();
            }

            turns.ForEach(turn => turn());
            if (k >= 0)
            {
                bareTotal += bare;
                minimalTotal += least;
                ThreadCpu.AddDelta(bareCpu, [], chunkBareCpu);
            }

            Console.WriteLine($"{(k < 0 ? "warm-up" : "chunk " + k)}: {expected:N0} events, largest partition {chunkBytes / 1e6:F2} MB; bare {bare.EventsPerSecond:N0} ev/s, " +
                $"minimal {least.EventsPerSecond:N0} ev/s" + string.Concat(lanes.Select((lane, i) =>
                    $"; {lane.Name} {work[i].Timing.EventsPerSecond:N0} ev/s ({work[i].Timing.Events:N0} counted, the last 1 % in {work[i].Timing.LastPercent.TotalMilliseconds:F0} of " +
                    $"{work[i].Timing.Elapsed.TotalMilliseconds:F0} ms, {work[i].Timing.SinceThaw.TotalMilliseconds:F0} ms from the thaw), ratio {work[i].Timing.EventsPerSecond / bare.EventsPerSecond:F2}; " +
                    $"CPU us an event {ThreadCpu.PerEvent(work[i].Cpu, Math.Max(1, work[i].Timing.Events))}")));
        }

        // CPU an event barely moves with the load on the machine, so these show what a change saved even in a noisy run.
        Console.WriteLine($"bare consumer CPU us an event (consumer and broker, one process): {ThreadCpu.TotalUsPerEvent(bareCpu, bareTotal.Events):F2}");
        Console.WriteLine($"minimal worker: {minimal.Held:N0} feedback events held for their lead (warm-up included)");
        var results = new List<CeilingResult>();
        foreach (var lane in lanes)
        {
            results.Add(await lane.ResultAsync(bareTotal, minimalTotal, ThreadCpu.TotalUsPerEvent(bareCpu, bareTotal.Events), maxChunkBytes));
        }

        return results;
    }

    private static PhaseTiming ReadBare(string bootstrapServers, Dictionary<TopicPartition, long> start, long expected, Dictionary<string, long> cpu)
    {
        var before = ThreadCpu.Sample(Environment.ProcessId);
        var timing = BareConsumer.Read(bootstrapServers, start, expected);
        ThreadCpu.AddDelta(cpu, before, ThreadCpu.Sample(Environment.ProcessId));
        return timing;
    }

    /// <summary>Fails the run unless the whole chunk is still in the broker; returns how many records it holds.</summary>
    private static long CheckRetained(Watermarks watermarks, Dictionary<TopicPartition, long> start, long chunkBytes)
    {
        if (chunkBytes > ChunkBytesLimit)
        {
            throw new InvalidOperationException($"a chunk puts {chunkBytes / 1e6:F1} MB in one partition; use more --chunks to stay under {ChunkBytesLimit / 1e6:F1} MB");
        }

        long expected = 0;
        foreach (var (tp, offsets) in watermarks.Read())
        {
            if (offsets.Low.Value > start[tp])
            {
                throw new InvalidOperationException($"{tp} lost offsets {start[tp]}..{offsets.Low.Value - 1} to retention before they were read");
            }

            expected += offsets.High.Value - start[tp];
        }

        return expected;
    }

}
