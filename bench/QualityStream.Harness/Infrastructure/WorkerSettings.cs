using System.Globalization;
using QualityStream.Harness.Cli;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// What a bench worker is started with besides its broker, Redis and topics: its engine's capacity hint and the
/// settings a scenario varies. Unset ones keep the worker's defaults. A child process gets them as options.
/// </summary>
/// <param name="ExpectedLeadsPerDay"><c>Quality:ExpectedLeadsPerDay</c>; 0 keeps the default.</param>
public sealed record WorkerSettings(int ExpectedLeadsPerDay)
{
    /// <summary>The consumer group; null for a fresh one, which starts at the earliest offsets without a checkpoint.</summary>
    public string? GroupId { get; init; }

    /// <summary><c>Checkpoints:IntervalSeconds</c>.</summary>
    public int? CheckpointSeconds { get; init; }

    /// <summary><c>Kafka:SessionTimeoutMs</c>.</summary>
    public int? SessionTimeoutMs { get; init; }

    /// <summary>Logs the assignment and each task's restore (Information): a restore's time split is read from them.</summary>
    public bool LogRestores { get; init; }

    /// <summary>A child publishes its tasks' input positions and tracked leads (<see cref="TaskPositions"/>).</summary>
    public bool PublishPositions { get; init; }

    /// <summary>The worker configuration these settings stand for.</summary>
    public void AddTo(IDictionary<string, string?> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config["Kafka:GroupId"] = GroupId ?? $"bench-{Guid.NewGuid():N}";
        if (ExpectedLeadsPerDay > 0)
        {
            config["Quality:ExpectedLeadsPerDay"] = Text(ExpectedLeadsPerDay);
        }

        if (CheckpointSeconds is { } seconds)
        {
            config["Checkpoints:IntervalSeconds"] = Text(seconds);
        }

        if (SessionTimeoutMs is { } session)
        {
            config["Kafka:SessionTimeoutMs"] = Text(session);
        }

        if (LogRestores)
        {
            config["Logging:LogLevel:QualityStream.Worker.Checkpoints.TaskCheckpointer"] = "Information";
            config["Logging:LogLevel:QualityStream.Worker.Ingestion.KafkaIngestionService"] = "Information";
        }
    }

    /// <summary>The options a <c>worker-child</c> reads back with <see cref="FromArgs"/>.</summary>
    public IEnumerable<string> ToArgs()
    {
        yield return "--expected-leads-per-day";
        yield return Text(ExpectedLeadsPerDay);
        if (GroupId is not null)
        {
            yield return "--group";
            yield return GroupId;
        }

        if (CheckpointSeconds is { } seconds)
        {
            yield return "--checkpoint-seconds";
            yield return Text(seconds);
        }

        if (SessionTimeoutMs is { } session)
        {
            yield return "--session-timeout-ms";
            yield return Text(session);
        }

        yield return "--log-restores";
        yield return LogRestores ? "1" : "0";
        yield return "--positions";
        yield return PublishPositions ? "1" : "0";
    }

    public static WorkerSettings FromArgs(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new WorkerSettings(args.Whole("expected-leads-per-day", 0))
        {
            GroupId = args.Text("group"),
            CheckpointSeconds = args.Text("checkpoint-seconds") is null ? null : args.Whole("checkpoint-seconds", 0),
            SessionTimeoutMs = args.Text("session-timeout-ms") is null ? null : args.Whole("session-timeout-ms", 0),
            LogRestores = args.Whole("log-restores", 0) == 1,
            PublishPositions = args.Whole("positions", 0) == 1,
        };
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
