using QualityStream.EmbeddedKafka;

namespace QualityStream.Harness.Infrastructure;

/// <summary>Topic names of one run (suffixed with <see cref="Id"/>): the input pair co-partitioned, outputs small.</summary>
public sealed record BenchTopics(string Id, int Partitions)
{
    public string Deliveries => $"lead-deliveries-{Id}";

    public string Feedback => $"buyer-feedback-{Id}";

    public string StateChanges => $"quality-state-changes-{Id}";

    public string Notices => $"quality-notices-{Id}";

    public string DeadLetter => $"quality-deadletter-{Id}";

    public static BenchTopics Create(EmbeddedKafkaCluster cluster, int partitions)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var topics = new BenchTopics(Guid.NewGuid().ToString("N")[..8], partitions);
        cluster.CreateTopic(topics.Deliveries, partitions);
        cluster.CreateTopic(topics.Feedback, partitions);
        cluster.CreateTopic(topics.StateChanges, 4);
        cluster.CreateTopic(topics.Notices, 4);
        cluster.CreateTopic(topics.DeadLetter, 4);
        return topics;
    }

    /// <summary>The worker settings that point it at these topics.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Kafka:Topics:Deliveries", Deliveries),
        new("Kafka:Topics:Feedback", Feedback),
        new("Kafka:Topics:StateChanges", StateChanges),
        new("Kafka:Topics:Notices", Notices),
        new("Kafka:Topics:DeadLetter", DeadLetter),
    ];
}
