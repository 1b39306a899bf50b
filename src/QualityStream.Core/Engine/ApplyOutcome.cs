namespace QualityStream.Core.Engine;

/// <summary>What applying one event did. Rejections map to dead-letter reasons; see <see cref="ApplyResult"/>.</summary>
public enum ApplyOutcome : byte
{
    Applied,

    /// <summary>Seen before (same feedback eventId, or the same leadId delivered again to the same buyer): no effect.</summary>
    DuplicateEvent,

    /// <summary>Feedback for a lead not seen yet, held for the orphan grace period.</summary>
    Pending,
    BuyerMismatch,
    Orphan,
    Late,
}
