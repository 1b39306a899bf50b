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

    /// <summary>An eventId seen before with other content (another lead, buyer or type).</summary>
    EventIdReused,

    /// <summary>Feedback dated before its lead was delivered (beyond the clock skew allowed).</summary>
    BeforeDelivery,
}
