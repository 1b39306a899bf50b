using Confluent.Kafka;
using QualityStream.Worker.Kafka;

namespace QualityStream.Worker.Ingestion;

/// <summary>
/// The two input topics must be co-partitioned (docs/contract.md §2): a lead's deliveries and feedback share a key, and only
/// equal partition counts put them on same-numbered partitions, so one worker sees both.
/// </summary>
public static class CopartitioningCheck
{
    /// <summary>Throws <see cref="KafkaException"/> while the brokers cannot answer, <see cref="InvalidOperationException"/> when the topics are wrong.</summary>
    public static void Verify(KafkaOptions options, BrokerConnectivity brokers, ILogger logger)
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
    }

    private static int Partitions(IAdminClient admin, string topic)
    {
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5));
        var t = metadata.Topics.SingleOrDefault(t => t.Topic == topic);
        if (t is null || t.Error.IsError || t.Partitions.Count == 0)
        {
            throw new InvalidOperationException(
                $"Input topic '{topic}' is not available ({t?.Error.Reason ?? "no metadata"}); create it before starting the worker.");
        }

        return t.Partitions.Count;
    }
}
