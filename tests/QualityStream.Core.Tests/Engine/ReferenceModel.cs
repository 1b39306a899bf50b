using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>
/// A brute-force restatement of docs/contract.md §2–§3: keeps every event in plain lists and recomputes each rate from them,
/// with none of the engine's buckets, hashes or incremental counters. Property tests hold the engine to it.
/// </summary>
internal sealed class ReferenceModel(QualityEngineOptions options)
{
    private readonly long _longest = options.WindowNames.Max(w => WindowSpec.Parse(w).Seconds);
    private readonly long _lookback = options.DuplicateLookbackDays * 86400L;
    private readonly long _retention = Math.Max(
        options.WindowNames.Max(w => WindowSpec.Parse(w).Seconds), (options.ReturnWindowDays.Values.Max() + 1) * 86400L);

    private readonly List<Lead> _leads = [];
    private readonly List<Lead> _everAccepted = [];
    private readonly List<(BuyerFeedback Feedback, long Deadline)> _held = [];
    private readonly Dictionary<string, (string LeadId, FeedbackType Type)> _seenFeedback = [];
    private readonly Dictionary<(string EventId, string BuyerId), string> _seenDeliveries = [];
    private long? _now;

    public List<ApplyOutcome> Outcomes { get; } = [];

    public int Expired { get; private set; }

    public void Deliver(InspectedLead inspected)
    {
        var d = inspected.Lead;
        var sec = d.DeliveredAt.ToUnixTimeSeconds();
        Advance(sec);
        if (sec <= _now - _longest)
        {
            Outcomes.Add(ApplyOutcome.Late);
            return;
        }

        if (_seenDeliveries.TryGetValue((d.EventId, d.BuyerId), out var said))
        {
            Outcomes.Add(said == d.LeadId ? ApplyOutcome.DuplicateEvent : ApplyOutcome.EventIdReused);
            return;
        }

        if (_leads.Any(l => l.Delivery.LeadId == d.LeadId && l.Delivery.BuyerId == d.BuyerId))
        {
            Outcomes.Add(ApplyOutcome.DuplicateEvent);
            return;
        }

        _seenDeliveries[(d.EventId, d.BuyerId)] = d.LeadId;

        var duplicate = _everAccepted.Any(l => l.Delivery.BuyerId == d.BuyerId && l.Delivery.LeadId != d.LeadId
            && l.DeliveredSec >= sec - _lookback
            && ((inspected.PhoneFingerprint != 0 && l.Phone == inspected.PhoneFingerprint)
                || (inspected.EmailFingerprint != 0 && l.Email == inspected.EmailFingerprint)));
        var lead = new Lead(d, sec, inspected.Issues, duplicate, inspected.PhoneFingerprint, inspected.EmailFingerprint);
        _leads.Add(lead);
        _everAccepted.Add(lead);
        Outcomes.Add(ApplyOutcome.Applied);
        foreach (var held in _held.Where(h => h.Feedback.LeadId == d.LeadId).ToList())
        {
            _held.Remove(held);
            if (held.Feedback.BuyerId != d.BuyerId || BeforeDelivery(held.Feedback, lead))
            {
                Expired++;
            }
            else
            {
                lead.Feedback.Add(held.Feedback);
            }
        }
    }

    public void Feedback(BuyerFeedback f)
    {
        Advance(f.OccurredAt.ToUnixTimeSeconds());
        if (_seenFeedback.TryGetValue(f.EventId, out var said))
        {
            Outcomes.Add(said == (f.LeadId, f.Type) ? ApplyOutcome.DuplicateEvent : ApplyOutcome.EventIdReused);
            return;
        }

        var lead = _leads.FirstOrDefault(l => l.Delivery.LeadId == f.LeadId && l.Delivery.BuyerId == f.BuyerId);
        if (lead is not null && BeforeDelivery(f, lead))
        {
            Outcomes.Add(ApplyOutcome.BeforeDelivery);
            return;
        }

        if (lead is not null)
        {
            lead.Feedback.Add(f);
            Outcomes.Add(ApplyOutcome.Applied);
        }
        else if (_leads.Any(l => l.Delivery.LeadId == f.LeadId))
        {
            Outcomes.Add(ApplyOutcome.BuyerMismatch);
            return;
        }
        else if (options.OrphanGraceSeconds > 0)
        {
            _held.Add((f, _now!.Value + options.OrphanGraceSeconds));
            Outcomes.Add(ApplyOutcome.Pending);
        }
        else
        {
            Outcomes.Add(ApplyOutcome.Orphan);
            return;
        }

        _seenFeedback[f.EventId] = (f.LeadId, f.Type);
    }

    /// <summary>Feedback dated before its lead's delivery by more than the clock skew allowed.</summary>
    private static bool BeforeDelivery(BuyerFeedback f, Lead lead) =>
        f.OccurredAt.ToUnixTimeSeconds() < lead.DeliveredSec - QualityEngine.MaxClockSkewSec;

    /// <summary>Numerator and denominator of a metric for the cell, over the window ending at the model's time.</summary>
    public (long Numerator, long Denominator) Rate(CellScope scope, string? buyer, string? source, string window, Metric metric)
    {
        var leads = InWindow(scope, buyer, source, window);
        return metric switch
        {
            Metric.Validity => (leads.Count(l => l.Valid), leads.Count),
            Metric.Duplicate => (leads.Count(l => l.Duplicate), leads.Count),
            Metric.Contact => (leads.Count(l => l.Contact(ContactOutcome.Contacted)), leads.Count(l => l.Contact(null))),
            _ => (leads.Count(l => l.ReturnedInWindow(ReturnDays(l))), leads.Count),
        };
    }

    public IEnumerable<(string Buyer, string Source)> Pairs =>
        _leads.Select(l => (l.Delivery.BuyerId, l.Delivery.SourceId)).Distinct();

    /// <summary>A buyer's applied deliveries on each of the 29 UTC days ending with the newest day any delivery had.</summary>
    public long[] DailyLeads(string buyer)
    {
        var last = _everAccepted.Max(l => Day(l.DeliveredSec));
        return [.. Enumerable.Range(0, 29).Select(i => (long)_everAccepted.Count(l => l.Delivery.BuyerId == buyer && Day(l.DeliveredSec) == last - 28 + i))];
    }

    private static long Day(long sec) => (long)Math.Floor(sec / 86400.0);

    /// <summary>What the cell's leads in the window sold for, each price rounded to the cent (no price: 0).</summary>
    public decimal Revenue(CellScope scope, string? buyer, string? source, string window) =>
        InWindow(scope, buyer, source, window).Sum(l => Math.Round(l.Delivery.Price ?? 0, 2, MidpointRounding.AwayFromZero));

    /// <summary>Invalid leads of the cell's window by failed check, named as the contract names them.</summary>
    public Dictionary<string, long> InvalidReasons(CellScope scope, string? buyer, string? source, string window)
    {
        var leads = InWindow(scope, buyer, source, window);
        return new Dictionary<string, long>
        {
            ["invalid_phone"] = leads.Count(l => l.Issues.HasFlag(ValidityIssues.InvalidPhone)),
            ["invalid_email"] = leads.Count(l => l.Issues.HasFlag(ValidityIssues.InvalidEmail)),
            ["missing_contact"] = leads.Count(l => l.Issues.HasFlag(ValidityIssues.MissingContact)),
            ["missing_name"] = leads.Count(l => l.Issues.HasFlag(ValidityIssues.MissingName)),
            ["invalid_postal_code"] = leads.Count(l => l.Issues.HasFlag(ValidityIssues.InvalidPostalCode)),
        };
    }

    private List<Lead> InWindow(CellScope scope, string? buyer, string? source, string window)
    {
        var from = _now!.Value - WindowSpec.Parse(window).Seconds;
        return _leads.Where(l => l.DeliveredSec > from
            && (scope == CellScope.Source || l.Delivery.BuyerId == buyer)
            && (scope == CellScope.Buyer || l.Delivery.SourceId == source)).ToList();
    }

    private int ReturnDays(Lead lead) =>
        options.ReturnWindowDays.TryGetValue(lead.Delivery.Vertical, out var days) ? days : options.ReturnWindowDays["default"];

    private void Advance(long sec)
    {
        _now = _now is null ? sec : Math.Max(_now.Value, sec);
        // Leads are remembered until the longest return window (plus a day) has passed, then forgotten.
        _leads.RemoveAll(l => l.DeliveredSec <= _now - _retention);
        foreach (var held in _held.Where(h => h.Deadline <= _now).ToList())
        {
            _held.Remove(held);
            Expired++;
        }
    }

    private sealed record Lead(LeadDelivered Delivery, long DeliveredSec, ValidityIssues Issues, bool Duplicate, ulong Phone, ulong Email)
    {
        public bool Valid => Issues == ValidityIssues.None;

        public List<BuyerFeedback> Feedback { get; } = [];

        public bool Contact(ContactOutcome? outcome) =>
            Feedback.Any(f => f.Type == FeedbackType.ContactAttempt && (outcome is null || f.Outcome == outcome));

        public bool ReturnedInWindow(int days) =>
            Feedback.Any(f => f.Type == FeedbackType.Return && f.OccurredAt.ToUnixTimeSeconds() - DeliveredSec <= days * 86400L);
    }
}
