using Microsoft.Extensions.Options;
using Prometheus;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Pipeline;
using CoreMetrics = QualityStream.Core.Thresholds.Metrics;

namespace QualityStream.Worker.Telemetry;

/// <summary>
/// Per-cell series (rate, sample, state, thresholds), refreshed from a snapshot just before each scrape. Cells are capped:
/// warning and breach cells always go out, the rest by volume; what is left out is counted, never silently lost.
/// </summary>
public sealed class CellSeriesExporter
{
    private static readonly string[] CellLabels = ["metric", "window", "scope", "buyer", "source"];
    private static readonly string[] Levels = ["warn", "breach", "clear"];
    private static readonly string[] MetricCodes = [.. CoreMetrics.All.Select(CoreMetrics.Code)];
    private readonly IQualityFeed _feed;
    private readonly int _maxCells;
    private readonly Gauge _rate;
    private readonly Gauge _sample;
    private readonly Gauge _state;
    private readonly Gauge _threshold;
    private readonly Counter _dropped;
    private HashSet<(string Scope, string Buyer, string Source, string Window)> _exported = [];

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
        _dropped = factory.CreateCounter("qualitystream_series_dropped_total", "Cells left out of the per-cell series by the cap, counted at each refresh.");
        registry.AddBeforeCollectCallback(Refresh);
    }

    public void Refresh()
    {
        var cells = _feed.Snapshot(SnapshotFilter.All).Cells;
        var chosen = Choose(cells);
        var next = new HashSet<(string, string, string, string)>();
        foreach (var cell in cells)
        {
            var key = (cell.Scope, cell.BuyerId ?? "", cell.SourceId ?? "");
            if (!chosen.Contains(key))
            {
                continue;
            }

            next.Add((key.Item1, key.Item2, key.Item3, cell.Window));
            foreach (var (metric, m) in cell.Metrics)
            {
                string[] labels = [metric, cell.Window, key.Item1, key.Item2, key.Item3];
                Export(labels, m);
            }
        }

        foreach (var gone in _exported.Where(k => !next.Contains(k)))
        {
            Remove(gone);
        }

        _exported = next;
        var dropped = cells.Select(c => (c.Scope, c.BuyerId ?? "", c.SourceId ?? "")).Distinct().Count() - chosen.Count;
        if (dropped > 0)
        {
            _dropped.Inc(dropped);
        }
    }

    private HashSet<(string, string, string)> Choose(IReadOnlyList<CellSnapshot> cells) =>
        cells.GroupBy(c => (c.Scope, c.BuyerId ?? "", c.SourceId ?? ""))
            .Select(g => (Key: g.Key, Alerting: g.Any(c => c.Metrics.Values.Any(m => m.State is "warning" or "breach" || m.HeldState is "warning" or "breach")),
                Volume: g.Max(c => c.Metrics["validity"].Denominator)))
            .OrderByDescending(c => c.Alerting).ThenByDescending(c => c.Volume)
            .Take(_maxCells)
            .Select(c => c.Key)
            .ToHashSet();

    private void Export(string[] labels, MetricSnapshot m)
    {
        if (m.Rate is { } rate)
        {
            _rate.WithLabels(labels).Set(rate);
        }
        else
        {
            _rate.RemoveLabelled(labels);
        }

        _sample.WithLabels(labels).Set(m.Denominator);
        var state = m.State == "insufficient" ? m.HeldState : m.State;
        if (state is null || m.Threshold is null)
        {
            // Not the threshold's window (any more): no state or threshold series here.
            _state.RemoveLabelled(labels);
            foreach (var level in Levels)
            {
                _threshold.RemoveLabelled([.. labels, level]);
            }

            return;
        }

        _state.WithLabels(labels).Set(state switch { "breach" => 2, "warning" => 1, _ => 0 });
        _threshold.WithLabels([.. labels, "warn"]).Set(m.Threshold.Warn);
        _threshold.WithLabels([.. labels, "breach"]).Set(m.Threshold.Breach);
        _threshold.WithLabels([.. labels, "clear"]).Set(m.Threshold.Clear);
    }

    /// <summary>
    /// Removes one cell window's series by their labels, which are known: searching every exported series for them
    /// instead cost one scrape over a minute of CPU once thousands of cells left the cap at once.
    /// </summary>
    private void Remove((string Scope, string Buyer, string Source, string Window) cell)
    {
        foreach (var metric in MetricCodes)
        {
            string[] labels = [metric, cell.Window, cell.Scope, cell.Buyer, cell.Source];
            _rate.RemoveLabelled(labels);
            _sample.RemoveLabelled(labels);
            _state.RemoveLabelled(labels);
            foreach (var level in Levels)
            {
                _threshold.RemoveLabelled([.. labels, level]);
            }
        }
    }
}
