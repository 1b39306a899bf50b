using CoreMetrics = QualityStream.Core.Thresholds.Metrics;
using Microsoft.Extensions.Options;
using Prometheus;
using QualityStream.Core.Events;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Feed;

namespace QualityStream.Worker.Telemetry;

/// <summary>
/// Per-cell series (rate, sample, state, thresholds, and why leads failed or came back), refreshed from a snapshot just
/// before each scrape. Cells are capped: warning and breach cells always go out, the rest by volume; what is left out is
/// counted, never silently lost. Reasons go out only while their count is above zero, so a cell adds a series for each
/// way its leads actually fail rather than for every way they could.
/// </summary>
public sealed class CellSeriesExporter
{
    private static readonly string[] CellLabels = ["metric", "window", "scope", "buyer", "source"];
    private static readonly string[] Levels = ["warn", "breach", "clear"];
    private static readonly string[] MetricCodes = [.. CoreMetrics.All.Select(CoreMetrics.Code)];
    private static readonly Dictionary<string, string> PolicyOf = Enum.GetValues<ReturnReason>()
        .GroupBy(r => r.Code()).ToDictionary(g => g.Key, g => g.First().PolicyClass().Code(), StringComparer.Ordinal);
    private readonly IQualityFeed _feed;
    private readonly int _maxCells;
    private readonly Gauge _rate;
    private readonly Gauge _sample;
    private readonly Gauge _state;
    private readonly Gauge _threshold;
    private readonly Gauge _invalid;
    private readonly Gauge _returned;
    private readonly Counter _dropped;
    private readonly Lock _refreshing = new();
    private Dictionary<(string Scope, string Buyer, string Source, string Window), CellSeries> _exported = [];

    public CellSeriesExporter(IMetricFactory factory, CollectorRegistry registry, IQualityFeed feed, IOptions<MetricsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _feed = feed;
        _maxCells = options.Value.MaxCells;
        _rate = factory.CreateGauge("qualitystream_rate", "Rate of a metric for a cell over a sliding window (0..1); absent when there is no sample.", CellLabels);
        _sample = factory.CreateGauge("qualitystream_sample", "Denominator of the rate: leads (or attempted leads for contact) in the window.", CellLabels);
        _state = factory.CreateGauge("qualitystream_state", "Alert state on the threshold's window: 0 ok, 1 warning, 2 breach.", CellLabels);
        _threshold = factory.CreateGauge("qualitystream_threshold", "Threshold level in force for the cell.", [.. CellLabels, "level"]);
        _invalid = factory.CreateGauge("qualitystream_invalid_leads", "Invalid leads of a cell in the window by the check they failed (a lead failing two counts under both).",
            ["reason", "window", "scope", "buyer", "source"]);
        _returned = factory.CreateGauge("qualitystream_returned_leads", "Leads of a cell in the window returned inside their return window, by reason and policy class.",
            ["reason", "policy", "window", "scope", "buyer", "source"]);
        _dropped = factory.CreateCounter("qualitystream_series_dropped_total", "Cells left out of the per-cell series by the cap, counted at each refresh.");
        registry.AddBeforeCollectCallback(Refresh);
    }

    public void Refresh()
    {
        // Two scrapes at once (two Prometheus replicas, a curl during a scrape) would both change the kept series.
        lock (_refreshing)
        {
            RefreshAlone();
        }
    }

    private void RefreshAlone()
    {
        var cells = _feed.Cells(SnapshotFilter.All);
        var (chosen, all) = Choose(cells);
        var next = new Dictionary<(string, string, string, string), CellSeries>(_exported.Count);
        foreach (var cell in cells)
        {
            var key = Key(cell);
            if (!chosen.Contains(key))
            {
                continue;
            }

            var window = (key.Item1, key.Item2, key.Item3, cell.Window);
            if (!_exported.Remove(window, out var series))
            {
                series = new CellSeries(this, window);
            }

            next[window] = series;
            foreach (var (metric, m) in cell.Metrics)
            {
                series.Export(metric, m);
            }

            series.ExportReasons(cell);
        }

        foreach (var gone in _exported.Values)
        {
            gone.Remove();
        }

        _exported = next;
        var dropped = all - chosen.Count;
        if (dropped > 0)
        {
            _dropped.Inc(dropped);
        }
    }

    /// <summary>The cells to export (alerting first, then by volume, up to the cap), and how many there are in all.</summary>
    private (HashSet<(string, string, string)> Chosen, int All) Choose(IReadOnlyList<CellSnapshot> cells)
    {
        var all = cells.GroupBy(Key)
            .Select(g => (Key: g.Key, Alerting: g.Any(c => c.Metrics.Values.Any(m => m.State is "warning" or "breach" || m.HeldState is "warning" or "breach")),
                Volume: g.Max(c => c.Metrics["validity"].Denominator)))
            .ToList();
        var chosen = all.OrderByDescending(c => c.Alerting).ThenByDescending(c => c.Volume)
            .Take(_maxCells)
            .Select(c => c.Key)
            .ToHashSet();
        return (chosen, all.Count);
    }

    /// <summary>A cell without its window: each window of it is exported or left out together.</summary>
    private static (string Scope, string Buyer, string Source) Key(CellSnapshot cell) => (cell.Scope.Code(), cell.BuyerId ?? "", cell.SourceId ?? "");

    /// <summary>
    /// One exported cell window's series, kept from scrape to scrape: setting a kept series costs nothing, where looking
    /// it up by its labels hashed them each time (240,000 series at the default cap, most of a scrape's refresh).
    /// Series leave by their own handles too, so the cost of cells leaving the cap is in proportion to those cells.
    /// </summary>
    private sealed class CellSeries(CellSeriesExporter exporter, (string Scope, string Buyer, string Source, string Window) cell)
    {
        private readonly MetricSeries?[] _metrics = new MetricSeries?[MetricCodes.Length];
        private readonly Dictionary<string, Gauge.Child> _invalid = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Gauge.Child> _returned = new(StringComparer.Ordinal);

        public void Export(string metric, MetricSnapshot m)
        {
            var index = Array.IndexOf(MetricCodes, metric);
            var series = _metrics[index] ??= new MetricSeries([metric, cell.Window, cell.Scope, cell.Buyer, cell.Source]);
            series.Export(exporter, m);
        }

        public void ExportReasons(CellSnapshot snapshot)
        {
            Counts(_invalid, snapshot.InvalidReasons, reason => exporter._invalid.WithLabels([reason, cell.Window, cell.Scope, cell.Buyer, cell.Source]));
            Counts(_returned, snapshot.Returns.ByReason,
                reason => exporter._returned.WithLabels([reason, PolicyOf.GetValueOrDefault(reason, "other"), cell.Window, cell.Scope, cell.Buyer, cell.Source]));
        }

        public void Remove()
        {
            foreach (var series in _metrics)
            {
                series?.Remove();
            }

            foreach (var series in _invalid.Values.Concat(_returned.Values))
            {
                series.Remove();
            }

            _invalid.Clear();
            _returned.Clear();
        }

        private static void Counts(Dictionary<string, Gauge.Child> kept, IReadOnlyDictionary<string, long>? counts, Func<string, Gauge.Child> create)
        {
            foreach (var (reason, count) in counts ?? new Dictionary<string, long>())
            {
                if (count > 0)
                {
                    if (!kept.TryGetValue(reason, out var series))
                    {
                        kept[reason] = series = create(reason);
                    }

                    series.Set(count);
                }
                else if (kept.Remove(reason, out var gone))
                {
                    gone.Remove();
                }
            }
        }
    }

    private sealed class MetricSeries(string[] labels)
    {
        private Gauge.Child? _rate;
        private Gauge.Child? _sample;
        private Gauge.Child? _state;
        private Gauge.Child? _warn;
        private Gauge.Child? _breach;
        private Gauge.Child? _clear;

        public void Export(CellSeriesExporter exporter, MetricSnapshot m)
        {
            if (m.Rate is { } rate)
            {
                (_rate ??= exporter._rate.WithLabels(labels)).Set(rate);
            }
            else
            {
                Drop(ref _rate);
            }

            (_sample ??= exporter._sample.WithLabels(labels)).Set(m.Denominator);
            var state = m.State == "insufficient" ? m.HeldState : m.State;
            if (state is null || m.Threshold is null)
            {
                // Not the threshold's window (any more): no state or threshold series here.
                Drop(ref _state);
                Drop(ref _warn);
                Drop(ref _breach);
                Drop(ref _clear);
                return;
            }

            (_state ??= exporter._state.WithLabels(labels)).Set(state switch { "breach" => 2, "warning" => 1, _ => 0 });
            (_warn ??= exporter._threshold.WithLabels([.. labels, Levels[0]])).Set(m.Threshold.Warn);
            (_breach ??= exporter._threshold.WithLabels([.. labels, Levels[1]])).Set(m.Threshold.Breach);
            (_clear ??= exporter._threshold.WithLabels([.. labels, Levels[2]])).Set(m.Threshold.Clear);
        }

        public void Remove()
        {
            Drop(ref _rate);
            Drop(ref _sample);
            Drop(ref _state);
            Drop(ref _warn);
            Drop(ref _breach);
            Drop(ref _clear);
        }

        private static void Drop(ref Gauge.Child? series)
        {
            series?.Remove();
            series = null;
        }
    }
}
