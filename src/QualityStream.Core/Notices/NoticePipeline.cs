using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using QualityStream.Core.Snapshots;

namespace QualityStream.Core.Notices;

/// <summary>State changes in, buyer notices out (docs/contract.md §8). All timing comes from the injected scheduler.</summary>
public static class NoticePipeline
{
    /// <summary>
    /// One <c>breach</c> notice per incident (the first time it reaches breach) and one <c>recovered</c> notice when it
    /// returns to ok, for buyer and buyer×source cells only; rate-limited per buyer, the excess merged into the next
    /// allowed notice. <c>At</c> is the scheduler's clock when the notice goes out. Completes after held notices are out.
    /// </summary>
    public static IObservable<BuyerNotice> ToBuyerNotices(
        this IObservable<QualityStateChanged> changes,
        NoticeOptions options,
        IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        return Observable.Create<BuyerNotice>(observer =>
        {
            // One gate for source callbacks and release timers, so the observer is never called concurrently.
            var gate = new object();
            var incidents = new IncidentNotices();
            var limiter = new NoticeRateLimiter(options, scheduler, gate, observer.OnNext);
            var sourceDone = false;
            limiter.Released += () =>
            {
                if (sourceDone && limiter.WaitingBuyers == 0)
                {
                    observer.OnCompleted();
                }
            };

            var subscription = changes.Subscribe(
                change =>
                {
                    lock (gate)
                    {
                        if (incidents.On(change, scheduler.Now) is { } notice)
                        {
                            limiter.Offer(notice);
                        }
                    }
                },
                error =>
                {
                    lock (gate)
                    {
                        limiter.Dispose();
                        observer.OnError(error);
                    }
                },
                () =>
                {
                    lock (gate)
                    {
                        sourceDone = true;
                        if (limiter.WaitingBuyers == 0)
                        {
                            observer.OnCompleted();
                        }
                    }
                });

            return new CompositeDisposable(subscription, limiter);
        });
    }
}
