using System.Runtime.CompilerServices;

namespace QualityStream.Core.Engine;

/// <summary>
/// Numerators and denominators of one cell's four metrics over one window, and its leads' revenue: one 64-byte cache
/// line that every event touching the cell updates. The return breakdown by reason, which only returns touch, lives in a parallel array so as not to spread these
/// over three cache lines.
/// </summary>
internal struct WindowCounters
{
    public long Delivered;
    public long Valid;
    public long Duplicate;
    public long Attempted;
    public long Contacted;
    public long Returned;
    public long LateReturned;
    public long RevenueCents;

    public void Add(LeadFlags flags, int priceCents, long sign)
    {
        Delivered += sign;
        RevenueCents += sign * priceCents;
        AddFlags(flags, sign);
    }

    /// <summary>Adds the counts of <paramref name="flags"/> only (not the delivery itself): used when feedback sets new flags.</summary>
    public void AddFlags(LeadFlags flags, long sign)
    {
        if ((flags & LeadFlags.Valid) != 0) { Valid += sign; }
        if ((flags & LeadFlags.Duplicate) != 0) { Duplicate += sign; }
        if ((flags & LeadFlags.Attempted) != 0) { Attempted += sign; }
        if ((flags & LeadFlags.Contacted) != 0) { Contacted += sign; }
        if ((flags & LeadFlags.LateReturned) != 0) { LateReturned += sign; }
        if ((flags & LeadFlags.Returned) != 0) { Returned += sign; }
    }
}

/// <summary>
/// Returned leads per <see cref="Events.ReturnReason"/>, then invalid leads per failed check
/// (<see cref="Inspection.ValidityIssues"/>, one slot a bit), inline so counters need no heap object.
/// </summary>
[InlineArray(ReasonCount)]
internal struct ReasonCounts
{
    public const int ReturnReasonCount = 10;
    public const int IssueCount = 5;
    public const int FirstIssue = ReturnReasonCount;
    public const int ReasonCount = ReturnReasonCount + IssueCount;

    private long _element;
}
