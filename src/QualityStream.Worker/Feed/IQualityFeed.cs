using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;

namespace QualityStream.Worker.Feed;

/// <summary>
/// What the engine tells the outside world, as hot observables. Each observable delivers on its own thread
/// (never the consume loop's), in order; subscribers must not block for long.
/// </summary>
public interface IQualityFeed
{
    /// <summary>Every state change, in <c>seq</c> order.</summary>
    IObservable<QualityStateChanged> StateChanges { get; }

    /// <summary>Rates of the cells that changed, batched at most once a second; never empty.</summary>
    IObservable<IReadOnlyList<RateUpdate>> RatesUpdated { get; }

    /// <summary>Buyer notices after the per-buyer rate limit.</summary>
    IObservable<BuyerNotice> Notices { get; }

    /// <summary>The streams (partition tasks, the source stage) whose cells this worker holds, each time they change.</summary>
    IObservable<IReadOnlyList<string>> StreamsChanged { get; }

    /// <summary>A consistent snapshot of every matching cell (thread-safe).</summary>
    QualitySnapshot Snapshot(SnapshotFilter filter);

    /// <summary>
    /// Every matching cell, read a slice of cells at a time (thread-safe): events are applied between slices, so the
    /// cells are not of one instant as in <see cref="Snapshot"/>, but ingestion never waits for a whole snapshot. For
    /// metrics, which a scrape reads every 15 s.
    /// </summary>
    IReadOnlyList<CellSnapshot> Cells(SnapshotFilter filter);

    /// <summary>Each buyer's deliveries per day, four whole weeks and today (thread-safe).</summary>
    IReadOnlyList<BuyerDays> DailyLeads() => [];
}
