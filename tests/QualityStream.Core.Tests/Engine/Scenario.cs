using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;

namespace QualityStream.Core.Tests.Engine;

/// <summary>A generated event stream: deliveries and feedback in processing order, with redeliveries and disorder.</summary>
public sealed record Scenario(IReadOnlyList<object> Events)
{
    /// <summary>Applies one of the <see cref="Events"/> to <paramref name="engine"/>.</summary>
    public static ApplyResult ApplyTo(QualityEngine engine, object e) =>
        e is InspectedLead lead ? engine.Apply(lead) : engine.Apply((BuyerFeedback)e);

    /// <summary>When one of the <see cref="Events"/> happened: a lead's delivery, or the feedback's occurrence.</summary>
    public static DateTimeOffset TimeOf(object e) => e is InspectedLead l ? l.Lead.DeliveredAt : ((BuyerFeedback)e).OccurredAt;

    public override string ToString() => string.Join(Environment.NewLine, Events.Select(e => e switch
    {
        InspectedLead l => $"deliver {l.Lead.LeadId} to {l.Lead.BuyerId} from {l.Lead.SourceId} at {l.Lead.DeliveredAt:O} valid={l.IsValid} p={l.PhoneFingerprint} e={l.EmailFingerprint} {l.Lead.Vertical}",
        BuyerFeedback f => $"feedback {f.EventId} {f.Type} {f.Outcome}{f.Reason} on {f.LeadId} by {f.BuyerId} at {f.OccurredAt:O}",
        _ => e.ToString(),
    }));
}
