using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>docs/contract.md §2–§3: how deliveries and feedback count, and which are rejected.</summary>
public class CohortRulesTests
{
    [Fact]
    public void ContactRate_CountsOnlyLeadsWithAnAttempt_AndALeadOnceHoweverManyAttempts()
    {
        var h = new EngineHarness();
        var leads = h.Deliver(valid: 4);
        h.Feedback(leads[0], FeedbackType.ContactAttempt, ContactOutcome.NoAnswer);
        h.Feedback(leads[0], FeedbackType.ContactAttempt, ContactOutcome.Contacted);
        h.Feedback(leads[0], FeedbackType.ContactAttempt, ContactOutcome.Contacted);
        h.Feedback(leads[1], FeedbackType.ContactAttempt, ContactOutcome.Voicemail);

        var contact = h.Metric(Metric.Contact);

        Assert.Equal((1L, 2L, 0.5), (contact.Numerator, contact.Denominator, contact.Rate!.Value));
    }

    [Fact]
    public void Feedback_CountsForTheLeadsDeliveryCohort_NotForWhenItArrives()
    {
        var h = new EngineHarness();
        var leads = h.Deliver(valid: 2);
        h.Wait(TimeSpan.FromMinutes(61));

        h.Feedback(leads[0], FeedbackType.Return, reason: ReturnReason.InvalidPhone);

        Assert.Equal(0, h.Metric(Metric.Return).Denominator);
        Assert.Equal((1L, 2L), (h.Metric(Metric.Return, window: "24h").Numerator, h.Metric(Metric.Return, window: "24h").Denominator));
    }

    [Fact]
    public void ReturnAfterTheVerticalsWindow_IsALateReturn_NotCountedInTheReturnRate()
    {
        var h = new EngineHarness(new QualityEngineOptions { Windows = ["1h", "30d"] });
        var legal = h.Deliver(valid: 1, vertical: "legal");
        h.Wait(TimeSpan.FromDays(5) + TimeSpan.FromSeconds(1));

        Assert.Equal(ApplyOutcome.Applied, h.Feedback(legal[0], FeedbackType.Return, reason: ReturnReason.NoContact).Outcome);

        var cell = h.Engine.Snapshot(new(Scope: "buyer", Window: "30d")).Cells.Single();
        Assert.Equal((0L, 1L), (cell.Metrics["return"].Numerator, cell.Returns.LateReturns));
    }

    [Fact]
    public void Returns_AreBrokenDownByReasonAndPolicyClass()
    {
        var h = new EngineHarness();
        var leads = h.Deliver(valid: 4);
        h.Feedback(leads[0], FeedbackType.Return, reason: ReturnReason.InvalidPhone);
        h.Feedback(leads[1], FeedbackType.Return, reason: ReturnReason.Duplicate);
        h.Feedback(leads[2], FeedbackType.Return, reason: ReturnReason.NotConverted);
        h.Feedback(leads[3], FeedbackType.Return, reason: ReturnReason.Other);

        var returns = h.Engine.Snapshot(new(Scope: "buyer", Window: "1h")).Cells.Single().Returns;

        Assert.Equal((1L, 1L, 1L, 1L), (returns.ByReason["invalid_phone"], returns.ByReason["duplicate"], returns.ByReason["not_converted"], returns.ByReason["other"]));
        Assert.Equal((2L, 1L, 1L), (returns.ByPolicy["accepted"], returns.ByPolicy["rejectable"], returns.ByPolicy["other"]));
        Assert.Equal(1.0, h.Metric(Metric.Return).Rate);
    }

    [Fact]
    public void SameFeedbackEventTwice_IsCountedOnce()
    {
        var h = new EngineHarness();
        var leads = h.Deliver(valid: 2);

        var first = h.Feedback(leads[0], FeedbackType.Return, reason: ReturnReason.InvalidPhone, eventId: "f-1");
        var again = h.Feedback(leads[0], FeedbackType.Return, reason: ReturnReason.InvalidPhone, eventId: "f-1");

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.DuplicateEvent), (first.Outcome, again.Outcome));
        Assert.Equal(1, h.Metric(Metric.Return).Numerator);
    }

    [Fact]
    public void SameLeadDeliveredTwiceToTheSameBuyer_IsIgnored_ButMayGoToAnotherBuyer()
    {
        var h = new EngineHarness();
        var lead = TestLeads.Lead("L-1", "acme-auto", h.Clock.GetUtcNow());

        var results = new[]
        {
            h.Engine.Apply(lead).Outcome,
            h.Engine.Apply(lead).Outcome,
            h.Engine.Apply(lead with { Lead = lead.Lead with { BuyerId = "bolt-legal" } }).Outcome,
        };

        Assert.Equal([ApplyOutcome.Applied, ApplyOutcome.DuplicateEvent, ApplyOutcome.Applied], results);
        Assert.Equal(1, h.Metric(Metric.Validity).Denominator);
    }

    [Fact]
    public void FeedbackFromAnotherBuyer_IsRejectedAsBuyerMismatch_AndMovesNoRate()
    {
        var h = new EngineHarness();
        var leads = h.Deliver(valid: 1);

        var result = h.Feedback(leads[0], FeedbackType.Return, reason: ReturnReason.InvalidPhone, buyer: "bolt-legal");

        Assert.Equal(RejectionReason.BuyerMismatch, result.Reason);
        Assert.Contains("not delivered to buyer bolt-legal", result.Detail, StringComparison.Ordinal);
        Assert.Equal(0, h.Metric(Metric.Return).Numerator);
    }

    [Fact]
    public void FeedbackBeforeItsDelivery_IsHeld_AndAppliedWhenTheLeadArrivesWithinGrace()
    {
        var h = new EngineHarness();
        var held = h.Feedback("L-1", FeedbackType.ContactAttempt, ContactOutcome.Contacted);
        h.Wait(TimeSpan.FromMinutes(4));

        h.Engine.Apply(TestLeads.Lead("L-1", "acme-auto", h.Clock.GetUtcNow()));

        Assert.Equal(ApplyOutcome.Pending, held.Outcome);
        Assert.Equal(1, h.Metric(Metric.Contact).Numerator);
        Assert.Equal(0, h.Engine.PendingFeedbackCount);
        Assert.Equal(1, h.Engine.ReleasedFeedback);
    }

    [Fact]
    public void FeedbackWhoseLeadNeverComes_BecomesAnOrphanAfterTheGracePeriod()
    {
        var h = new EngineHarness();
        h.Feedback("L-404", FeedbackType.Conversion);
        var expired = new List<ExpiredFeedback>();

        h.Wait(TimeSpan.FromMinutes(4));
        h.Engine.DrainExpiredFeedback(expired);
        Assert.Empty(expired);
        h.Wait(TimeSpan.FromMinutes(1));
        h.Engine.DrainExpiredFeedback(expired);

        var orphan = Assert.Single(expired);
        Assert.Equal((RejectionReason.Orphan, "L-404"), (orphan.Reason, orphan.Feedback.LeadId));
        Assert.Contains("L-404", orphan.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DeliveryOlderThanTheLongestWindow_IsRejectedAsLate()
    {
        var h = new EngineHarness();
        h.Deliver(valid: 1);

        var result = h.Engine.Apply(TestLeads.Lead("L-old", "acme-auto", h.Clock.GetUtcNow().AddHours(-24)));

        Assert.Equal(RejectionReason.Late, result.Reason);
        Assert.Contains("longest window", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLead_CountsInItsBuyerItsSourceAndTheirPair()
    {
        var h = new EngineHarness();
        h.Deliver(valid: 2, buyer: "acme-auto", source: "s1");
        h.Deliver(valid: 0, invalid: 1, buyer: "acme-auto", source: "s2");
        h.Deliver(valid: 3, buyer: "bolt-legal", source: "s1");

        Assert.Equal((2L, 3L), Fraction(h.Metric(Metric.Validity, buyer: "acme-auto")));
        Assert.Equal((5L, 5L), Fraction(h.Metric(Metric.Validity, scope: "source", source: "s1")));
        Assert.Equal((0L, 1L), Fraction(h.Metric(Metric.Validity, scope: "buyer_source", source: "s2")));
    }

    [Fact]
    public void DuplicateRate_CountsLeadsWhoseConsumerTheBuyerAlreadyGot()
    {
        var h = new EngineHarness();
        var now = h.Clock.GetUtcNow();
        h.Engine.Apply(TestLeads.Lead("L-1", "acme-auto", now, phone: 11));
        h.Engine.Apply(TestLeads.Lead("L-2", "acme-auto", now, phone: 11));
        h.Engine.Apply(TestLeads.Lead("L-3", "bolt-legal", now, phone: 11));

        Assert.Equal((1L, 2L), Fraction(h.Metric(Metric.Duplicate, buyer: "acme-auto")));
        Assert.Equal((0L, 1L), Fraction(h.Metric(Metric.Duplicate, buyer: "bolt-legal")));
    }

    private static (long, long) Fraction(Snapshots.MetricSnapshot m) => (m.Numerator, m.Denominator);
}
