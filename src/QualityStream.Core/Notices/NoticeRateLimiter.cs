using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace QualityStream.Core.Notices;

/// <summary>
/// At most <see cref="NoticeOptions.MaxPerBuyerPerHour"/> notices per buyer in any sliding period. A notice over the
/// limit is held; when the oldest sent notice leaves the period, everything held goes out as ONE notice.
/// Merging is our reading of "the rest merged into the next one" (docs/contract.md §8): the merged notice carries the latest
/// held notice's fields and all held messages, so the buyer loses no news and gets no burst.
/// All calls must hold the gate the pipeline passes in; timers take it themselves.
/// </summary>
internal sealed class NoticeRateLimiter(NoticeOptions options, IScheduler scheduler, object gate, Action<BuyerNotice> emit) : IDisposable
{
    private readonly Dictionary<string, BuyerSlots> _buyers = new(StringComparer.Ordinal);
    private readonly CompositeDisposable _timers = [];

    /// <summary>Buyers with notices waiting for a slot.</summary>
    public int WaitingBuyers { get; private set; }

    /// <summary>Raised (under the gate) after held notices were released; lets the pipeline complete when none are left.</summary>
    public event Action? Released;

    public void Offer(BuyerNotice notice)
    {
        var now = scheduler.Now;
        if (!_buyers.TryGetValue(notice.BuyerId, out var slots))
        {
            slots = new BuyerSlots();
            _buyers.Add(notice.BuyerId, slots);
        }

        slots.Forget(now - options.Period);
        if (slots.Held.Count == 0 && slots.Sent.Count < options.MaxPerBuyerPerHour)
        {
            slots.Sent.Enqueue(now);
            emit(notice with { At = now });
            return;
        }

        slots.Held.Add(notice);
        if (slots.Held.Count == 1)
        {
            WaitingBuyers++;
            ScheduleRelease(notice.BuyerId, slots);
        }
    }

    public void Dispose() => _timers.Dispose();

    private void ScheduleRelease(string buyerId, BuyerSlots slots)
    {
        // A sent notice stops counting once it is a full period old, so the first slot frees then.
        var due = slots.Sent.Peek() + options.Period;
        var timer = new SingleAssignmentDisposable();
        _timers.Add(timer);
        timer.Disposable = scheduler.Schedule(buyerId, due, (_, id) =>
        {
            lock (gate)
            {
                _timers.Remove(timer);
                if (!_timers.IsDisposed)
                {
                    Release(id);
                }
            }

            return Disposable.Empty;
        });
    }

    private void Release(string buyerId)
    {
        var slots = _buyers[buyerId];
        var now = scheduler.Now;
        slots.Forget(now - options.Period);
        if (slots.Sent.Count >= options.MaxPerBuyerPerHour)
        {
            ScheduleRelease(buyerId, slots);
            return;
        }

        var latest = slots.Held[^1];
        var merged = slots.Held.Count == 1
            ? latest with { At = now }
            : latest with
            {
                // The latest held notice never goes out on its own, so its id plus the count stays unique.
                NoticeId = $"{latest.NoticeId}-merged{slots.Held.Count}",
                Message = NoticeText.Merged(slots.Held.Select(n => n.Message)),
                At = now,
            };
        slots.Held.Clear();
        slots.Sent.Enqueue(now);
        WaitingBuyers--;
        emit(merged);
        Released?.Invoke();
    }

    private sealed class BuyerSlots
    {
        public Queue<DateTimeOffset> Sent { get; } = new();

        public List<BuyerNotice> Held { get; } = [];

        public void Forget(DateTimeOffset before)
        {
            while (Sent.Count > 0 && Sent.Peek() <= before)
            {
                Sent.Dequeue();
            }
        }
    }
}
