using System.ComponentModel.DataAnnotations;

namespace QualityStream.Worker.Kafka;

/// <summary>Topic names (docs/contract.md §2); the defaults are the contract's.</summary>
public sealed class KafkaTopics
{
    [Required]
    public string Deliveries { get; init; } = "lead-deliveries";

    [Required]
    public string Feedback { get; init; } = "buyer-feedback";

    [Required]
    public string StateChanges { get; init; } = "quality-state-changes";

    [Required]
    public string Notices { get; init; } = "quality-notices";

    [Required]
    public string DeadLetter { get; init; } = "quality-deadletter";

    /// <summary>The input topic of one side of a partition pair.</summary>
    public string Input(bool deliveries) => deliveries ? Deliveries : Feedback;
}
