namespace QualityStream.EmbeddedKafka;

/// <summary>The contract's default topic names (docs/contract.md §2), created in one call for tests, demo and benchmarks.</summary>
public static class Topics
{
    public const string LeadDeliveries = "lead-deliveries";
    public const string BuyerFeedback = "buyer-feedback";
    public const string QualityStateChanges = "quality-state-changes";
    public const string QualityNotices = "quality-notices";
    public const string QualityDeadLetter = "quality-deadletter";

    /// <summary>
    /// Creates the five topics. The two input topics get the same partition count because the worker
    /// processes same-numbered partitions of both together; outputs get the same count for simplicity.
    /// </summary>
    public static void CreateDefaults(EmbeddedKafkaCluster cluster, int partitions)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        foreach (var topic in (string[])[LeadDeliveries, BuyerFeedback, QualityStateChanges, QualityNotices, QualityDeadLetter])
        {
            cluster.CreateTopic(topic, partitions);
        }
    }
}
