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

    /// <summary>Runs the chunks on a fresh broker, Redis and worker; <paramref name="warmupChunks"/> more run first, unmeasured.</summary>
    /// <summary>
    /// The capacity hint that fits a run: its leads (half its events, warm-up included) spread over the 11 days leads
    /// are kept, so the worker's tables are sized as a busy worker's would be.
    /// </summary>
    public static int LeadsPerDayFor(int events, int chunks, int warmupChunks) =>
        (int)Math.Ceiling((events + (warmupChunks * (events / chunks))) / 2.0 / 11);

    public static async Task<CeilingResult> MeasureAsync(int events, int chunks, int partitions, int warmupChunks, int expectedLeadsPerDay)
    {
        var chunkSize = events / chunks;
        using var kafka = EmbeddedKafkaCluster.Start();
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var topics = BenchTopics.Create(kafka, partitions);
        await using var redis = await RedisProcess.StartAsync();
        await using var worker = await WorkerChild.StartAsync(kafka.BootstrapServers, redis.Configuration, topics, "bench:", new WorkerSettings(expectedLeadsPerDay));
        worker.Freeze();
        using var producer = new EventProducer(kafka.BootstrapServers, topics);
        using var watermarks = new Watermarks(kafka.BootstrapServers, topics);
        var model = new TrafficModel(partitions);
        // One hour of event time ending now, so every event lands inside the 1h and 24h windows.
        var originMs = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var stepMs = 3_600_000.0 / (events + (warmupChunks * chunkSize));
        var minimal = new MinimalWorker(topics, expectedLeadsPerDay);
        PhaseTiming bareTotal = default, minimalTotal = default, workerTotal = default;
        Dictionary<string, long> workerCpu = [], brokerCpu = [], bareCpu = [];
        long maxChunkBytes = 0;
        GcStats gcStart = default;
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
                gcStart = worker.Gc;
            }

            Dictionary<string, long> chunkWorkerCpu = [], chunkBrokerCpu = [], chunkBareCpu = [];
            PhaseTiming bare, least, work;
            if (k % 2 == 0)
            {
                bare = ReadBare(kafka.BootstrapServers, start, expected, chunkBareCpu);
                least = minimal.Read(kafka.BootstrapServers, start, expected);
                work = WorkerChunk.Process(worker, expected, chunkWorkerCpu, chunkBrokerCpu);
            }
            else
            {
                work = WorkerChunk.Process(worker, expected, chunkWorkerCpu, chunkBrokerCpu);
                least = minimal.Read(kafka.BootstrapServers, start, expected);
                bare = ReadBare(kafka.BootstrapServers, start, expected, chunkBareCpu);
            }

            if (k >= 0)
            {
                bareTotal = Add(bareTotal, bare);
                minimalTotal = Add(minimalTotal, least);
                workerTotal = Add(workerTotal, work);
                ThreadCpu.AddDelta(workerCpu, [], chunkWorkerCpu);
                ThreadCpu.AddDelta(brokerCpu, [], chunkBrokerCpu);
                ThreadCpu.AddDelta(bareCpu, [], chunkBareCpu);
            }

            Console.WriteLine($"{(k < 0 ? "warm-up" : "chunk " + k)}: {expected:N0} events, largest partition {chunkBytes / 1e6:F2} MB; bare {bare.EventsPerSecond:N0} ev/s, " +
                $"minimal {least.EventsPerSecond:N0} ev/s, worker {work.EventsPerSecond:N0} ev/s ({work.Events:N0} counted, the last 1 % in {work.LastPercent.TotalMilliseconds:F0} of {work.Elapsed.TotalMilliseconds:F0} ms), ratio {work.EventsPerSecond / bare.EventsPerSecond:F2}; " +
                $"worker CPU us an event {ThreadCpu.PerEvent(chunkWorkerCpu, work.Events)}");
        }

        // CPU an event barely moves with the load on the machine, so these show what a change saved even in a noisy run.
        Console.WriteLine($"worker CPU us an event: {ThreadCpu.PerEvent(workerCpu, workerTotal.Events)}; broker meanwhile {ThreadCpu.TotalUsPerEvent(brokerCpu, workerTotal.Events):F2}");
        Console.WriteLine($"bare consumer CPU us an event (consumer and broker, one process): {ThreadCpu.TotalUsPerEvent(bareCpu, bareTotal.Events):F2}");
        // Frozen between chunks, the worker allocated and collected only while it read them.
        var gc = worker.Gc.Minus(gcStart);
        Console.WriteLine($"worker GC over the measured chunks: {gc.Describe(workerTotal.Events)}");
        Console.WriteLine($"minimal worker: {minimal.Held:N0} feedback events held for their lead (warm-up included)");
        worker.Thaw();
        var outcomes = await MetricsScrape.EventOutcomesAsync(worker.ManagementAddress);
        Console.WriteLine("worker outcomes: " + string.Join(", ", outcomes.Select(kv => $"{kv.Key}={kv.Value:N0}")));
        return new CeilingResult(workerTotal, bareTotal, minimalTotal, outcomes.Where(kv => kv.Key != "applied").Sum(kv => kv.Value), maxChunkBytes,
            ThreadCpu.TotalUsPerEvent(workerCpu, workerTotal.Events), ThreadCpu.TotalUsPerEvent(brokerCpu, workerTotal.Events),
            ThreadCpu.TotalUsPerEvent(bareCpu, bareTotal.Events), gc.AllocatedBytes / (double)Math.Max(1, workerTotal.Events),
            gc.PauseMs * 1000 / Math.Max(1, workerTotal.Events));
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

    private static PhaseTiming Add(PhaseTiming a, PhaseTiming b) => new(a.Events + b.Events, a.Timed + b.Timed, a.Elapsed + b.Elapsed, a.LastPercent + b.LastPercent);
}
