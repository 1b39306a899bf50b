namespace QualityStream.Core.Engine;

/// <summary>What is known about one delivered lead; each flag is set once, which makes feedback idempotent.</summary>
[Flags]
internal enum LeadFlags : byte
{
    None = 0,
    Valid = 1,
    Duplicate = 2,
    Attempted = 4,
    Contacted = 8,
    Returned = 16,
    LateReturned = 32,
    Converted = 64,
}
