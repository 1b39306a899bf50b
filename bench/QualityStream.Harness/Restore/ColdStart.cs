using QualityStream.EmbeddedKafka;
using QualityStream.Harness.Infrastructure;

namespace QualityStream.Harness.Restore;

/// <summary>
/// The baseline of a restore: a worker child started in a fresh group on empty topics, so it has no checkpoint to load
/// and nothing to consume, timed from its process start to <c>/readyz</c> answering 200, and to its assignment.
/// </summary>
public static class ColdStart
{
    public static async Task<(TimeSpan Ready, TimeSpan? Assigned)> MeasureAsync(EmbeddedKafkaCluster kafka, string redis, int partitions, WorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(settings);
        var topics = BenchTopics.Create(kafka, partitions);
        await using var worker = await WorkerChild.StartAsync(kafka.BootstrapServers, redis, topics, "cold:", settings with { GroupId = null });
        var log = RestoreLog.Read(worker.Lines);
        return (Elapsed(worker.StartedAt, worker.ReadyAt), log.AssignedAt is { } at ? Elapsed(worker.StartedAt, at) : null);
    }

    private static TimeSpan Elapsed(long from, long to) => System.Diagnostics.Stopwatch.GetElapsedTime(from, to);
}
