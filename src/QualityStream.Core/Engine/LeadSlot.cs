namespace QualityStream.Core.Engine;

/// <summary>
/// One tracked lead, 48 bytes. Leads live in a flat array (no object per lead) threaded by two intrusive lists:
/// the delivery-second bucket they expire from, and the chain of leads sharing a leadId hash (shared leads go to several buyers).
/// </summary>
internal struct LeadSlot
{
    public ulong LeadKey;
    public long DeliveredSec;
    public int Buyer;
    public int BuyerCell;
    public int SourceCell;
    public int BuyerSourceCell;
    public int NextInBucket;
    public int NextSameKey;
    public LeadFlags Flags;
    public byte ReturnReason;
    public byte ReturnWindowDays;

    /// <summary>The validity checks it failed: in the slot's padding, so knowing why a lead failed costs no memory.</summary>
    public Inspection.ValidityIssues Issues;

    /// <summary>What the buyer paid, in cents (0 when the delivery named no price): also in the padding.</summary>
    public int PriceCents;
}
