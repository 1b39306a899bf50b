namespace QualityStream.Core.Notices;

/// <summary>
/// One buyer's sliding-window limit: when its recent notices went out, and what waits for a slot. A notice over the
/// limit is held; when a slot frees, everything held goes out as ONE notice. Merging is our reading of "the rest merged
/// into the next one" (docs/contract.md §8): the merged notice carries the latest held notice's fields and all held
/// messages, so the buyer loses no news and gets no burst.
/// </summary>
internal sealed class BuyerSlots(string buyerId)
{
    // Oldest first; entries a full period old are dropped lazily, since only the newest ones decide when a slot frees.
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly List<BuyerNotice> _held = [];

    public string BuyerId { get; } = buyerId;

    public bool IsWaiting => _held.Count > 0;

    /// <summary>Sends the notice now if a slot is free and nothing waits before it; otherwise holds it. True when held.</summary>
    public bool Offer(BuyerNotice notice, DateTimeOffset now, NoticeOptions options, ICollection<BuyerNotice> sent)
    {
        Forget(NoticeLedger.Before(now, options.Period));
        if (_held.Count == 0 && _sent.Count < options.MaxPerBuyerPerHour)
        {
            _sent.Enqueue(now);
            sent.Add(notice with { At = now });
            return false;
        }

        _held.Add(notice);
        return true;
    }

    /// <summary>
    /// The first instant a slot is free: when all but <c>MaxPerBuyerPerHour - 1</c> of the recent notices are a full
    /// period old, since a sent notice stops counting then.
    /// </summary>
    public DateTimeOffset FreeAt(NoticeOptions options) => _sent.Count < options.MaxPerBuyerPerHour
        ? DateTimeOffset.MinValue
        : _sent.ElementAt(_sent.Count - options.MaxPerBuyerPerHour) + options.Period;

    /// <summary>Everything held, as one notice going out at <paramref name="at"/>.</summary>
    public BuyerNotice Release(DateTimeOffset at, NoticeOptions options)
    {
        var latest = _held[^1];
        var merged = _held.Count == 1
            ? latest with { At = at }
            : latest with
            {
                // The latest held notice never goes out on its own, so its id plus the count stays unique.
                NoticeId = $"{latest.NoticeId}-merged{_held.Count}",
                Message = NoticeText.Merged(_held.Select(n => n.Message)),
                At = at,
            };
        _held.Clear();
        Forget(NoticeLedger.Before(at, options.Period));
        _sent.Enqueue(at);
        return merged;
    }

    /// <summary>Nothing held and nothing sent after <paramref name="since"/>: the slots of a buyer never seen.</summary>
    public bool IsIdleSince(DateTimeOffset since) => _held.Count == 0 && _sent.All(t => t <= since);

    /// <summary>The sent times after <paramref name="since"/> (older ones no longer count) and the held notices.</summary>
    public void WriteTo(BinaryWriter w, DateTimeOffset since)
    {
        w.Write(BuyerId);
        var recent = _sent.Where(t => t > since).ToList();
        w.Write(recent.Count);
        foreach (var t in recent)
        {
            NoticeFormat.WriteTime(w, t);
        }

        w.Write(_held.Count);
        foreach (var notice in _held)
        {
            NoticeFormat.WriteNotice(w, notice);
        }
    }

    public static BuyerSlots ReadFrom(BinaryReader r)
    {
        var slots = new BuyerSlots(r.ReadString());
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            slots._sent.Enqueue(NoticeFormat.ReadTime(r));
        }

        for (var n = r.ReadInt32(); n > 0; n--)
        {
            slots._held.Add(NoticeFormat.ReadNotice(r, slots.BuyerId));
        }

        return slots;
    }

    private void Forget(DateTimeOffset before)
    {
        while (_sent.Count > 0 && _sent.Peek() <= before)
        {
            _sent.Dequeue();
        }
    }
}
