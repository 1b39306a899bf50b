using QualityStream.Core.Snapshots;

namespace QualityStream.Core.Notices;

/// <summary>
/// State changes in, buyer notices out (docs/contract.md §8), on engine time alone: the same changes and times always
/// give the same notices with the same <c>At</c>, so a task replayed from a checkpoint regenerates exactly what it sent.
/// One <c>breach</c> notice per incident of a buyer or buyer×source cell, the first time it reaches breach; one
/// <c>recovered</c> notice when it returns to ok, only if the breach was noticed; rate-limited per buyer, the excess
/// merged into the next notice allowed out. Not thread-safe.
/// </summary>
public sealed class NoticeLedger
{
    private const int FormatVersion = 1;
    private static readonly int Magic = BitConverter.ToInt32("QSN\0"u8);

    private readonly NoticeOptions _options;
    private readonly OpenIncidents _incidents = new();
    private readonly Dictionary<string, BuyerSlots> _buyers = new(StringComparer.Ordinal);
    private readonly HashSet<BuyerSlots> _waiting = [];
    private DateTimeOffset _now = DateTimeOffset.MinValue;

    public NoticeLedger(NoticeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        _options = options;
    }

    /// <summary>
    /// Feeds one state change, in emission order; engine time moves to <c>change.At</c> first, so held notices whose
    /// slot freed by then go out before it. A notice sent at once has <c>At = change.At</c> (engine time never goes back:
    /// a change dated earlier counts at the ledger's time).
    /// </summary>
    public void On(QualityStateChanged change, ICollection<BuyerNotice> sent)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(sent);
        AdvanceTo(change.At, sent);
        if (_incidents.NoticeFor(change, _now) is not { } notice)
        {
            return;
        }

        if (!_buyers.TryGetValue(notice.BuyerId, out var slots))
        {
            slots = new BuyerSlots(notice.BuyerId);
            _buyers.Add(notice.BuyerId, slots);
        }

        if (slots.Offer(notice, _now, _options, sent))
        {
            _waiting.Add(slots);
        }
    }

    /// <summary>
    /// Engine time moved on without a change: releases held notices whose buyer has a free slot by then, each with
    /// <c>At</c> the instant its slot freed, so one jump releases what many small steps would, at the same times.
    /// Time never goes back: an earlier <paramref name="now"/> does nothing.
    /// </summary>
    public void AdvanceTo(DateTimeOffset now, ICollection<BuyerNotice> sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (now <= _now)
        {
            return;
        }

        var before = _now;
        _now = now;
        if (_waiting.Count == 0)
        {
            return;
        }

        // In the order the slots freed, ties by buyer id, so one jump, many steps and a restored set all agree. A slot
        // free before this step (only after a restore under other options) releases at the step's start.
        var due = _waiting
            .Select(slots => (Slots: slots, At: Later(slots.FreeAt(_options), before)))
            .Where(d => d.At <= now)
            .OrderBy(d => d.At)
            .ThenBy(d => d.Slots.BuyerId, StringComparer.Ordinal)
            .ToList();
        foreach (var (slots, at) in due)
        {
            sent.Add(slots.Release(at, _options));
            _waiting.Remove(slots);
        }
    }

    /// <summary>Everything that affects future notices: engine time, open incidents, each buyer's recent and held notices.</summary>
    public void WriteTo(BinaryWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(Magic);
        w.Write(FormatVersion);
        NoticeFormat.WriteTime(w, _now);

        _incidents.WriteTo(w);
        // Sorted so the same state always gives the same bytes; a buyer with nothing recent is as good as new, so left out.
        var since = Before(_now, _options.Period);
        var buyers = _buyers.Values.Where(s => !s.IsIdleSince(since)).OrderBy(s => s.BuyerId, StringComparer.Ordinal).ToList();
        w.Write(buyers.Count);
        foreach (var slots in buyers)
        {
            slots.WriteTo(w, since);
        }
    }

    /// <summary>Rebuilds a ledger written by <see cref="WriteTo"/>; it goes on exactly as the one written would have.</summary>
    public static NoticeLedger ReadFrom(BinaryReader r, NoticeOptions options)
    {
        ArgumentNullException.ThrowIfNull(r);
        var ledger = new NoticeLedger(options);
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException("not a QualityStream notice ledger");
        }

        if (r.ReadInt32() is var version && version != FormatVersion)
        {
            throw new InvalidDataException($"notice ledger format {version}; this build reads {FormatVersion}");
        }

        ledger._now = NoticeFormat.ReadTime(r);
        ledger._incidents.ReadFrom(r);
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var slots = BuyerSlots.ReadFrom(r);
            ledger._buyers.Add(slots.BuyerId, slots);
            if (slots.IsWaiting)
            {
                ledger._waiting.Add(slots);
            }
        }

        return ledger;
    }

    /// <summary><paramref name="time"/> less <paramref name="period"/>, or the earliest time when that is before it.</summary>
    internal static DateTimeOffset Before(DateTimeOffset time, TimeSpan period) =>
        time.UtcTicks - DateTimeOffset.MinValue.UtcTicks > period.Ticks ? time - period : DateTimeOffset.MinValue;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
