using QualityStream.Core.Inspection;

namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    /// <summary>Applies one inspected delivery. Allocation-free once its buyer, source and pair have been seen.</summary>
    public ApplyResult Apply(in InspectedLead inspected)
    {
        var result = ApplyDelivery(inspected);
        // Also after a rejection: moving time may have changed other cells, which must be judged now, not later.
        JudgeQueued();
        return result;
    }

    private ApplyResult ApplyDelivery(in InspectedLead inspected)
    {
        var lead = inspected.Lead;
        ArgumentNullException.ThrowIfNull(lead);
        var deliveredSec = lead.DeliveredAt.ToUnixTimeSeconds();
        var leadKey = Keys.Of(lead.LeadId);
        var eventKey = Keys.Of(lead.EventId);
        // The lead index, the event id and the fingerprint slots are usually cache misses in large tables: start them together.
        _leads.PrefetchIndex(leadKey);
        var knownBuyer = _cells.TryGetBuyer(lead.BuyerId, out var buyer);
        if (knownBuyer)
        {
            _seenEvents.Prefetch(Keys.DeliveryEvent(eventKey, buyer));
            _duplicates.Prefetch(buyer, inspected.PhoneFingerprint, inspected.EmailFingerprint);
        }

        AdvanceToEvent(deliveredSec);
        if (deliveredSec <= _nowSec - _longestWindowSec)
        {
            return new ApplyResult(ApplyOutcome.Late,
                $"deliveredAt {lead.DeliveredAt:O} is before the longest window ({_windows[^1].Name} ending {Now:O}); it cannot count in any rate");
        }

        if (!knownBuyer)
        {
            buyer = _cells.Buyer(lead.BuyerId);
        }

        eventKey = Keys.DeliveryEvent(eventKey, buyer);
        switch (_seenEvents.Check(eventKey, leadKey))
        {
            case SeenEvents.Seen.Same:
                return new ApplyResult(ApplyOutcome.DuplicateEvent);
            case SeenEvents.Seen.Different:
                return new ApplyResult(ApplyOutcome.EventIdReused,
                    $"eventId {lead.EventId} was seen before for another lead of buyer {lead.BuyerId}; an eventId names one event");
        }

        if (_leads.Find(leadKey, buyer, out _) >= 0)
        {
            return new ApplyResult(ApplyOutcome.DuplicateEvent);
        }

        _seenEvents.Add(eventKey, leadKey);

        var flags = inspected.IsValid ? LeadFlags.Valid : LeadFlags.None;
        if (_duplicates.CheckAndRecord(buyer, leadKey, inspected.PhoneFingerprint, inspected.EmailFingerprint, deliveredSec))
        {
            flags |= LeadFlags.Duplicate;
        }

        var sourceCell = _cells.SourceCell(lead.SourceId);
        var slot = _leads.Add(new LeadSlot
        {
            LeadKey = leadKey,
            DeliveredSec = deliveredSec,
            Buyer = buyer,
            BuyerCell = _cells.BuyerCell(buyer),
            SourceCell = sourceCell,
            BuyerSourceCell = _cells.PairCell(buyer, lead.BuyerId, sourceCell, lead.SourceId),
            Flags = flags,
            Issues = inspected.Issues,
            PriceCents = lead.Price is { } price ? (int)Math.Min(int.MaxValue, Math.Round(price * 100, MidpointRounding.AwayFromZero)) : 0,
            ReturnWindowDays = _returnDays.TryGetValue(lead.Vertical, out var days) ? days : _defaultReturnDays,
        });

        ref var added = ref _leads[slot];
        for (var w = 0; w < _windows.Length; w++)
        {
            if (deliveredSec > _expiredThrough[w])
            {
                Count(added, w, 1);
                Touch(added, DeliveryMetrics, w);
            }
        }

        _daily.Count(buyer, deliveredSec);
        if (_pending.Count > 0)
        {
            ReleaseHeld(leadKey);
        }

        return new ApplyResult(ApplyOutcome.Applied);
    }

    private void ReleaseHeld(ulong leadKey)
    {
        var held = _pending.Take(leadKey);
        if (held is null)
        {
            return;
        }

        foreach (var item in held)
        {
            var result = ApplyKnown(item.Feedback, leadKey, item.Source, holdIfUnknown: false);
            if (result.IsRejected)
            {
                _expired.Add(new ExpiredFeedback(item.Feedback, item.Source, result.Reason, result.Detail!));
            }
            else
            {
                ReleasedFeedback++;
            }
        }
    }
}
