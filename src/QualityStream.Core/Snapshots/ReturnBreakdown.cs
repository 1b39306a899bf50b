namespace QualityStream.Core.Snapshots;

/// <summary>Returns of a cell's cohort: by reason code, by policy class, and those that came after the return window.</summary>
public sealed record ReturnBreakdown(
    IReadOnlyDictionary<string, long> ByReason,
    IReadOnlyDictionary<string, long> ByPolicy,
    long LateReturns);
