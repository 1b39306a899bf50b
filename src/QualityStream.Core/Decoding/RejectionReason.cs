namespace QualityStream.Core.Decoding;

/// <summary>Why an event could not be applied; each maps to a dead-letter <c>qs-error</c> code (CONTRACTS §6).</summary>
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
