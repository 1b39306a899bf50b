using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>Contract §2: no single event may move time for others, and feedback cannot precede its lead.</summary>
public class EventTimeTests
{
    [Fact]
    public void AnEventDatedAhead_DoesNotMoveEngineTimePastTheWallClock_SoOtherBuyersKeepTheirWindowsAndHeldFeedback()
    {
        var h = new EngineHarness(new QualityEngineOptions { OrphanGraceSeconds = 60 });
        var start = h.Clock.GetUtcNow();
        h.Engine.Apply(TestLeads.Lead("L-old", "acme-auto", start.AddMinutes(-59)));
        var held = h.Engine.Apply(new BuyerFeedback("f-1", "L-later", "acme-auto", FeedbackType.ContactAttempt, start, ContactOutcome.Contacted));

        var ahead = h.Engine.Apply(TestLeads.Lead("L-ahead", "bolt-legal", start.AddMinutes(4)));

        Assert.Equal((ApplyOutcome.Pending, ApplyOutcome.Applied), (held.Outcome, ahead.Outcome));
        Assert.Equal(start, h.Engine.Now);
        Assert.Equal(1, h.Metric(Metric.Validity).Denominator);
        Assert.Equal(1, h.Engine.PendingFeedbackCount);
        var expired = new List<ExpiredFeedback>();
        Assert.Equal(0, h.Engine.DrainExpiredFeedback(expired));
    }

    [Fact]
    public void ALeadDatedAhead_LeavesItsWindowsAndTheRetentionLikeAnyOther_WhenTimeLaterJumps()
    {
        var h = new EngineHarness();
        var start = h.Clock.GetUtcNow();
        h.Engine.Apply(TestLeads.Lead("L-ahead", "acme-auto", start.AddMinutes(4)));
        Assert.Equal(1, h.Metric(Metric.Validity, window: "24h").Denominator);

        h.Wait(TimeSpan.FromDays(2));

        Assert.Equal(0, h.Metric(Metric.Validity, window: "24h").Denominator);
        h.Wait(TimeSpan.FromDays(12));
        Assert.Equal(0, h.Engine.TrackedLeads);
    }

    [Fact]
    public void FeedbackDatedBeforeItsLeadWasDelivered_BeyondTheClockSkew_IsRejected_AndMovesNoRate()
    {
        var h = new EngineHarness();
        var lead = h.Deliver(1)[0];
        var early = h.Engine.Apply(new BuyerFeedback("f-early", lead, "acme-auto", FeedbackType.ContactAttempt,
            h.Clock.GetUtcNow().AddSeconds(-QualityEngine.MaxClockSkewSec - 1), ContactOutcome.Contacted));

        Assert.Equal(ApplyOutcome.BeforeDelivery, early.Outcome);
        Assert.True(early.IsRejected);
        Assert.Contains("before lead", early.Detail, StringComparison.Ordinal);
        Assert.Equal(0, h.Metric(Metric.Contact).Denominator);
    }

    [Fact]
    public void FeedbackDatedSlightlyBeforeItsLead_WithinTheClockSkew_IsApplied()
    {
        var h = new EngineHarness();
        var lead = h.Deliver(1)[0];
        var skewed = h.Engine.Apply(new BuyerFeedback("f-skewed", lead, "acme-auto", FeedbackType.ContactAttempt,
            h.Clock.GetUtcNow().AddSeconds(-QualityEngine.MaxClockSkewSec), ContactOutcome.Contacted));

        Assert.Equal(ApplyOutcome.Applied, skewed.Outcome);
        Assert.Equal(1, h.Metric(Metric.Contact).Denominator);
    }

    [Fact]
    public void HeldFeedbackDatedBeforeTheLeadThatArrives_IsReportedAsRejected_WhenItsLeadComes()
    {
        var h = new EngineHarness();
        var now = h.Clock.GetUtcNow();
        h.Engine.AdvanceTime(h.Clock.GetUtcNow());
        var held = h.Engine.Apply(new BuyerFeedback("f-1", "L-9", "acme-auto", FeedbackType.ContactAttempt, now.AddMinutes(-10), ContactOutcome.Contacted));
        h.Engine.Apply(TestLeads.Lead("L-9", "acme-auto", now));

        var expired = new List<ExpiredFeedback>();
        h.Engine.DrainExpiredFeedback(expired);
        Assert.Equal(ApplyOutcome.Pending, held.Outcome);
        Assert.Equal(QualityStream.Core.Events.RejectionReason.Schema, Assert.Single(expired).Reason);
        Assert.Equal(0, h.Metric(Metric.Contact).Denominator);
    }
}
