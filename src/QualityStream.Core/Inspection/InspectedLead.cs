using QualityStream.Core.Events;

namespace QualityStream.Core.Inspection;

/// <summary>
/// A delivery with its validity verdict and consumer fingerprints, computed once before the engine
/// so that the engine's hot path stays allocation-free.
/// A fingerprint is a 64-bit hash of the normalised phone (E.164) or email; 0 means "none".
/// </summary>
public readonly record struct InspectedLead(
    LeadDelivered Lead,
    ValidityIssues Issues,
    ulong PhoneFingerprint,
    ulong EmailFingerprint)
{
    public bool IsValid => Issues == ValidityIssues.None;
}
