using QualityStream.EmbeddedKafka;
using QualityStream.Worker.Tests.EndToEnd;
using StackExchange.Redis;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>
/// What one consumer group of workers owns: its group id, its Redis key prefix (thresholds, API keys and whatever the
/// workers keep there) and its output topics. A test's lanes read the same input topics; a reference lane is a second
/// group that sees the same input and nothing of the faults.
/// </summary>
internal sealed record WorkerLane(string Name, string Id)
{
    public const string BoardKey = "durability-board-key";

    /// <summary>The output topics' partition count; any will do, keys decide where a record goes.</summary>
    private const int OutputPartitions = 4;

    public string GroupId => $"qs-{Id}";

    public string Prefix => $"t{Id}:";

    public string StateChanges => $"quality-state-changes-{Id}";

    public string Notices => $"quality-notices-{Id}";

    public string DeadLetter => $"quality-deadletter-{Id}";

    public static WorkerLane New(string name) => new(name, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);

    /// <summary>Creates the output topics and writes the board key and <paramref name="thresholds"/> under the prefix.</summary>
    public async Task<WorkerLane> PrepareAsync(EmbeddedKafkaCluster cluster, IDatabase redis, IEnumerable<ThresholdEntry> thresholds)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        foreach (var topic in new[] { StateChanges, Notices, DeadLetter })
        {
            cluster.CreateTopic(topic, OutputPartitions);
        }

        await WorkerUnderTest.AddKeyAsync(redis, Prefix, BoardKey, """{"role":"board"}""");
        foreach (var t in thresholds)
        {
            await redis.HashSetAsync($"{Prefix}qs:thresholds:{t.Metric}", t.Scope, t.Json);
        }

        return this;
    }

    /// <summary>
    /// The settings of a worker of this lane. Checkpoints every 2 s; a head alone in its pair waits up to 3 s for the
    /// other topic, which with a producer that flushes each second's events before the next keeps the merge order the
    /// timestamps say; a 6 s session lets a restarted worker rejoin soon after its killed predecessor's session ends.
    /// </summary>
    public Dictionary<string, string> Settings(string bootstrapServers, string redis, InputTopics inputs, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:GroupId"] = GroupId,
            ["Kafka:Topics:Deliveries"] = inputs.Deliveries,
            ["Kafka:Topics:Feedback"] = inputs.Feedback,
            ["Kafka:Topics:StateChanges"] = StateChanges,
            ["Kafka:Topics:Notices"] = Notices,
            ["Kafka:Topics:DeadLetter"] = DeadLetter,
            ["Kafka:MaxIdleMs"] = "3000",
            ["Kafka:SessionTimeoutMs"] = "6000",
            ["Checkpoints:IntervalSeconds"] = "2",
            ["Redis:Configuration"] = redis,
            ["Redis:KeyPrefix"] = Prefix,
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("QS_TEST_LOG") ?? "Warning",
            // The harness polls /readyz while a worker starts: its requests and "unhealthy" reports would crowd the
            // worker's own lines out of the tail a failure shows.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
