namespace QualityStream.Core.Events;

/// <summary>Why an event could not be applied; each maps to a dead-letter <c>qs-error</c> code (docs/contract.md §6).</summary>
public enum RejectionReason : byte
{
    MalformedJson,
    Schema,
    InvalidId,
    FutureTimestamp,
    TooLarge,
    BuyerMismatch,
    Orphan,
    Late,
    EventIdReused,
}
