using System.Collections.Concurrent;
using System.Reactive.Subjects;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Feed;

namespace QualityStream.Worker.Tests.Hubs.Support;

/// <summary>
/// Our own feed interface driven by hand: tests push what the engine would emit and set the snapshot it would hold.
/// Records every snapshot request so tests can see who asked with which filter.
/// </summary>
public sealed class FakeQualityFeed : IQualityFeed, IDisposable
{
    private readonly Subject<QualityStateChanged> _changes = new();
    private readonly Subject<IReadOnlyList<RateUpdate>> _rates = new();
    private readonly Subject<BuyerNotice> _notices = new();

    public IObservable<QualityStateChanged> StateChanges => _changes;

    public IObservable<IReadOnlyList<RateUpdate>> RatesUpdated => _rates;

    public IObservable<BuyerNotice> Notices => _notices;

    public IObservable<IReadOnlyList<string>> StreamsChanged => _streams;

    /// <summary>Tells the hub that the tasks this worker holds changed.</summary>
    public void StreamsMoved(params string[] streams) => _streams.OnNext(streams);

    private readonly System.Reactive.Subjects.Subject<IReadOnlyList<string>> _streams = new();

    /// <summary>What <see cref="Snapshot"/> answers, before filtering.</summary>
    public QualitySnapshot Current { get; set; } = QualityData.Snapshot(0, [], []);

    public ConcurrentQueue<SnapshotFilter> SnapshotRequests { get; } = new();

    public QualitySnapshot Snapshot(SnapshotFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        SnapshotRequests.Enqueue(filter);
        var all = Current;
        return all with
        {
            Cells = CellsOf(all, filter),
            Incidents = [.. all.Incidents.Where(i => Matches(filter, i.Scope, i.BuyerId, i.SourceId))],
        };
    }

    /// <summary>The cells of <see cref="Current"/> that match; not counted in <see cref="SnapshotRequests"/>.</summary>
    public IReadOnlyList<CellSnapshot> Cells(SnapshotFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return CellsOf(Current, filter);
    }

    private static CellSnapshot[] CellsOf(QualitySnapshot all, SnapshotFilter filter) =>
        [.. all.Cells.Where(c => Matches(filter, c.Scope, c.BuyerId, c.SourceId) && (filter.Window is null || filter.Window == c.Window))];

    public void Push(QualityStateChanged change) => _changes.OnNext(change);

    public void Push(params RateUpdate[] rates) => _rates.OnNext(rates);

    public void Push(BuyerNotice notice) => _notices.OnNext(notice);

    public void Dispose()
    {
        _changes.Dispose();
        _rates.Dispose();
        _notices.Dispose();
        _streams.Dispose();
    }

    private static bool Matches(SnapshotFilter f, CellScope scope, string? buyerId, string? sourceId) =>
        (f.BuyerId is null || f.BuyerId == buyerId)
        && (f.SourceId is null || f.SourceId == sourceId)
        && (f.Scope is null || f.Scope == scope.Code())
        && !(f.ExcludeSourceCells && scope == CellScope.Source);
}
