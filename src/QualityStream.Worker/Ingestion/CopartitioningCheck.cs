using Confluent.Kafka;
using QualityStream.Worker.Kafka;

namespace QualityStream.Worker.Ingestion;

/// <summary>
/// The two input topics must be co-partitioned (docs/contract.md §2): a lead's deliveries and feedback share a key, and only
/// equal partition counts put them on same-numbered partitions, so one worker sees both.
/// </summary>
public static class CopartitioningCheck
{
    /// <summary>
    /// Throws <see cref="KafkaException"/> while the brokers cannot answer, <see cref="InvalidOperationException"/> when
    /// the topics are wrong. Returns every topic's partition count (inputs and outputs).
    /// </summary>
    public static IReadOnlyDictionary<string, int> Verify(KafkaOptions options, BrokerConnectivity brokers, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(brokers);
        using var admin = new AdminClientBuilder(KafkaConfigs.Admin(options))
            .SetErrorHandler((_, e) => brokers.OnError(e))
            .SetLogHandler(KafkaLog.Handler(logger))
            .Build();
        var deliveries = Partitions(admin, options.Topics.Deliveries);
        var feedback = Partitions(admin, options.Topics.Feedback);
        if (deliveries != feedback)
        {
            throw new InvalidOperationException(
                $"Topics '{options.Topics.Deliveries}' ({deliveries} partitions) and '{options.Topics.Feedback}' ({feedback} partitions) "
                + "are not co-partitioned: they need the same partition count so a lead's deliveries and feedback meet in one worker. "
                + "Refusing to start.");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { [options.Topics.Deliveries] = deliveries, [options.Topics.Feedback] = feedback };
        foreach (var output in new[] { options.Topics.StateChanges, options.Topics.Notices, options.Topics.DeadLetter })
        {
            counts[output] = Partitions(admin, output, "Output");
        }

        return counts;
    }

    private static int Partitions(IAdminClient admin, string topic, string kind = "Input")
    {
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5));
        var t = metadata.Topics.SingleOrDefault(t => t.Topic == topic);
        if (t is null || t.Error.IsError || t.Partitions.Count == 0)
        {
            throw new InvalidOperationException(
                $"{kind} topic '{topic}' is not available ({t?.Error.Reason ?? "no metadata"}); create it before starting the worker.");
        }

        return t.Partitions.Count;
    }
}
