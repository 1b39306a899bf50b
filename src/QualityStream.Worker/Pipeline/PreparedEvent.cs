using QualityStream.Core.Events;
using QualityStream.Core.Inspection;

namespace QualityStream.Worker.Pipeline;

/// <summary>
/// One message decoded (and, for a delivery, inspected): the pure half of processing, which needs no engine state and
/// so can run on another thread ahead of the engine. Exactly one of <see cref="Lead"/>, <see cref="Feedback"/> or a
/// rejection is set.
/// </summary>
public readonly struct PreparedEvent
{
    private PreparedEvent(InspectedLead lead, BuyerFeedback? feedback, RejectionReason? reason, string? detail)
    {
        Lead = lead;
        Feedback = feedback;
        Reason = reason;
        Detail = detail;
    }

    public InspectedLead Lead { get; }

    public BuyerFeedback? Feedback { get; }

    public RejectionReason? Reason { get; }

    public string? Detail { get; }

    public bool IsRejected => Reason is not null;

    public static PreparedEvent Delivery(in InspectedLead lead) => new(lead, null, null, null);

    public static PreparedEvent Of(BuyerFeedback feedback) => new(default, feedback, null, null);

    public static PreparedEvent Rejected(RejectionReason reason, string detail) => new(default, null, reason, detail);
}
