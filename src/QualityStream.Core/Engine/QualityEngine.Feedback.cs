using QualityStream.Core.Events;

namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    /// <summary>
    /// Applies buyer feedback to its lead's delivery cohort. Feedback for a lead not seen yet is held
    /// (<see cref="ApplyOutcome.Pending"/>) and, if its lead never comes, reported later through
    /// <see cref="DrainExpiredFeedback"/> with <paramref name="source"/>.
    /// </summary>
    public ApplyResult Apply(BuyerFeedback feedback, FeedbackSource? source = null)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var eventKey = Keys.Of(feedback.EventId);
        var leadKey = Keys.Of(feedback.LeadId);
        // Both probes below are usually cache misses in large tables: start them together, before moving time.
        _seenEvents.Prefetch(eventKey);
        _leads.PrefetchIndex(leadKey);
        AdvanceToEvent(feedback.OccurredAt.ToUnixTimeSeconds());
        var content = Keys.FeedbackContent(leadKey, feedback.Type);
        if (_seenEvents.Check(eventKey, content) is not SeenEvents.Seen.New and var seen)
        {
            // Moving time may have changed other cells: judge them now, as after any event.
            JudgeQueued();
            return seen == SeenEvents.Seen.Same
                ? new ApplyResult(ApplyOutcome.DuplicateEvent)
                : new ApplyResult(ApplyOutcome.EventIdReused,
                    $"eventId {feedback.EventId} was seen before for another lead or feedback type; an eventId names one event");
        }

        var result = ApplyKnown(feedback, leadKey, source, holdIfUnknown: _orphanGraceSec > 0);
        if (result.Outcome is ApplyOutcome.Applied or ApplyOutcome.Pending)
        {
            _seenEvents.Add(eventKey, content);
        }

        JudgeQueued();
        return result;
    }

    private ApplyResult ApplyKnown(BuyerFeedback feedback, ulong leadKey, FeedbackSource? source, bool holdIfUnknown)
    {
        var slot = -1;
        var otherBuyer = false;
        if (_cells.TryGetBuyer(feedback.BuyerId, out var buyer))
        {
            slot = _leads.Find(leadKey, buyer, out otherBuyer);
        }
        else
        {
            _leads.Find(leadKey, -1, out otherBuyer);
        }

        if (slot < 0)
        {
            if (otherBuyer)
            {
                return new ApplyResult(ApplyOutcome.BuyerMismatch,
                    $"lead {feedback.LeadId} was not delivered to buyer {feedback.BuyerId}; no buyer can move another buyer's numbers");
            }

            if (holdIfUnknown)
            {
                _pending.Hold(leadKey, feedback, source, _nowSec + _orphanGraceSec);
                return new ApplyResult(ApplyOutcome.Pending);
            }

            return new ApplyResult(ApplyOutcome.Orphan, OrphanDetail(feedback));
        }

        ref var lead = ref _leads[slot];
        if (feedback.OccurredAt.ToUnixTimeSeconds() < lead.DeliveredSec - MaxClockSkewSec)
        {
            return new ApplyResult(ApplyOutcome.BeforeDelivery,
                $"occurredAt {feedback.OccurredAt:O} is before lead {feedback.LeadId} was delivered ({DateTimeOffset.FromUnixTimeSeconds(lead.DeliveredSec):O}) by more than the {MaxClockSkewSec / 60} minutes of clock skew allowed");
        }

        var before = lead.Flags;
        var after = before | FlagsOf(feedback, lead);
        var newFlags = after & ~before;
        if (newFlags == LeadFlags.None)
        {
            return new ApplyResult(ApplyOutcome.Applied);
        }

        if ((newFlags & LeadFlags.Returned) != 0)
        {
            lead.ReturnReason = (byte)(feedback.Reason ?? ReturnReason.Other);
        }

        lead.Flags = after;
        var metrics = MetricsOf(newFlags);
        for (var w = 0; w < _windows.Length; w++)
        {
            if (lead.DeliveredSec > _expiredThrough[w])
            {
                _cells.Counters(lead.BuyerCell, w).AddFlags(newFlags, 1);
                _cells.Counters(lead.SourceCell, w).AddFlags(newFlags, 1);
                _cells.Counters(lead.BuyerSourceCell, w).AddFlags(newFlags, 1);
                CountReason(lead, newFlags, w, 1);
                Touch(lead, metrics, w);
            }
        }

        return new ApplyResult(ApplyOutcome.Applied);
    }

    private string OrphanDetail(BuyerFeedback feedback) =>
        $"lead {feedback.LeadId} of buyer {feedback.BuyerId} is unknown here: never delivered, delivered more than "
        + $"{_retentionSec / 86400.0:0.#} days ago, or owned by another partition";

    private static LeadFlags FlagsOf(BuyerFeedback feedback, in LeadSlot lead) => feedback.Type switch
    {
        FeedbackType.ContactAttempt => feedback.Outcome == ContactOutcome.Contacted
            ? LeadFlags.Attempted | LeadFlags.Contacted
            : LeadFlags.Attempted,
        FeedbackType.Return => feedback.OccurredAt.ToUnixTimeSeconds() - lead.DeliveredSec <= lead.ReturnWindowDays * 86400L
            ? LeadFlags.Returned
            : LeadFlags.LateReturned,
        _ => LeadFlags.Converted,
    };
}
