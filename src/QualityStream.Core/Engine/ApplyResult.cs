using QualityStream.Core.Events;

namespace QualityStream.Core.Engine;

/// <summary>The outcome of one event; <see cref="Detail"/> is set (and allocated) only for rejections.</summary>
public readonly record struct ApplyResult(ApplyOutcome Outcome, string? Detail = null)
{
    public bool IsRejected => Outcome is ApplyOutcome.BuyerMismatch or ApplyOutcome.Orphan or ApplyOutcome.Late
        or ApplyOutcome.EventIdReused or ApplyOutcome.BeforeDelivery;

    public RejectionReason Reason => Outcome switch
    {
        ApplyOutcome.BuyerMismatch => RejectionReason.BuyerMismatch,
        ApplyOutcome.Orphan => RejectionReason.Orphan,
        ApplyOutcome.Late => RejectionReason.Late,
        ApplyOutcome.EventIdReused => RejectionReason.EventIdReused,
        // Not a shape error, but a value no valid event can have: the field contradicts the lead it names.
        ApplyOutcome.BeforeDelivery => RejectionReason.Schema,
        _ => throw new InvalidOperationException($"{Outcome} is not a rejection"),
    };
}
