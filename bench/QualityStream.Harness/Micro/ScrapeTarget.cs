using System.Reactive.Linq;
using Microsoft.Extensions.Options;
using Prometheus;
using QualityStream.Core.Engine;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Feed;
using QualityStream.Worker.Telemetry;

namespace QualityStream.Harness.Micro;

/// <summary>The worker's <c>/metrics</c> registry and per-cell exporter over an engine, scraped without HTTP.</summary>
public sealed class ScrapeTarget : IQualityFeed
{
    private readonly QualityEngine _engine;
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();

    public ScrapeTarget(QualityEngine engine)
    {
        _engine = engine;
        var factory = Metrics.WithCustomRegistry(_registry);
        _ = new QualityMetrics(factory);
        Exporter = new CellSeriesExporter(factory, _registry, this, Options.Create(new MetricsOptions()));
    }

    public CellSeriesExporter Exporter { get; }

    public IObservable<QualityStateChanged> StateChanges => Observable.Never<QualityStateChanged>();

    public IObservable<IReadOnlyList<RateUpdate>> RatesUpdated => Observable.Never<IReadOnlyList<RateUpdate>>();

    public IObservable<BuyerNotice> Notices => Observable.Never<BuyerNotice>();

    public IObservable<IReadOnlyList<string>> StreamsChanged => Observable.Never<IReadOnlyList<string>>();

    public QualitySnapshot Snapshot(SnapshotFilter filter) => _engine.Snapshot(filter);

    /// <summary>All at once: without ingestion there is nothing to let in between slices.</summary>
    public IReadOnlyList<CellSnapshot> Cells(SnapshotFilter filter) => _engine.CellSlice(0, int.MaxValue, filter);

    /// <summary>One scrape as <c>/metrics</c> answers it (the exporter refreshes first); returns the bytes written.</summary>
    public long Scrape()
    {
        using var text = new MemoryStream();
        _registry.CollectAndExportAsTextAsync(text).GetAwaiter().GetResult();
        return text.Length;
    }
}
