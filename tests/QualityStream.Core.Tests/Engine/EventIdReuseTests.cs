using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>Contract §2: a redelivered event is ignored; an eventId reused for other content is rejected.</summary>
public class EventIdReuseTests
{
    [Fact]
    public void FeedbackEventIdReusedForAnotherLead_IsRejectedAsEventIdReused_AndMovesNoRate()
    {
        var h = new EngineHarness();
        var leads = h.Deliver(2);
        var first = h.Feedback(leads[0], FeedbackType.ContactAttempt, ContactOutcome.Contacted, eventId: "f-1");
        var reused = h.Feedback(leads[1], FeedbackType.ContactAttempt, ContactOutcome.Contacted, eventId: "f-1");

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.EventIdReused), (first.Outcome, reused.Outcome));
        Assert.Equal(RejectionReason.EventIdReused, reused.Reason);
        Assert.Equal("event_id_reused", reused.Reason.Code());
        Assert.Equal(1, h.Metric(Metric.Contact).Denominator);
    }

    [Fact]
    public void FeedbackEventIdReusedForAnotherType_IsRejected()
    {
        var h = new EngineHarness();
        var lead = h.Deliver(1)[0];
        h.Feedback(lead, FeedbackType.ContactAttempt, ContactOutcome.Contacted, eventId: "f-1");

        var reused = h.Feedback(lead, FeedbackType.Return, reason: ReturnReason.InvalidPhone, eventId: "f-1");

        Assert.Equal(ApplyOutcome.EventIdReused, reused.Outcome);
        Assert.Equal(0, h.Metric(Metric.Return).Numerator);
    }

    [Fact]
    public void TheSameFeedbackRedelivered_IsADuplicateEvent_NotAReuse()
    {
        var h = new EngineHarness();
        var lead = h.Deliver(1)[0];
        h.Feedback(lead, FeedbackType.ContactAttempt, ContactOutcome.Contacted, eventId: "f-1");

        var again = h.Feedback(lead, FeedbackType.ContactAttempt, ContactOutcome.Contacted, eventId: "f-1");

        Assert.Equal(ApplyOutcome.DuplicateEvent, again.Outcome);
    }

    [Fact]
    public void DeliveryEventIdReusedForAnotherLeadOfTheSameBuyer_IsRejectedAsEventIdReused()
    {
        var h = new EngineHarness();
        var now = h.Clock.GetUtcNow();
        var first = TestLeads.Lead("L-1", "acme-auto", now);
        var other = TestLeads.Lead("L-2", "acme-auto", now);
        other = other with { Lead = other.Lead with { EventId = first.Lead.EventId } };

        var outcomes = (h.Engine.Apply(first).Outcome, h.Engine.Apply(other).Outcome, h.Engine.Apply(first).Outcome);

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.EventIdReused, ApplyOutcome.DuplicateEvent), outcomes);
        Assert.Equal(1, h.Metric(Metric.Validity).Denominator);
    }

    [Fact]
    public void FeedbackAndDeliveryIds_AreSeparateNames_SoTheSameStringInBothTopicsIsNoReuse()
    {
        var h = new EngineHarness();
        var lead = TestLeads.Lead("L-1", "acme-auto", h.Clock.GetUtcNow());
        h.Engine.Apply(lead);

        var feedback = h.Feedback("L-1", FeedbackType.ContactAttempt, ContactOutcome.Contacted, eventId: lead.Lead.EventId);

        Assert.Equal(ApplyOutcome.Applied, feedback.Outcome);
    }
}
