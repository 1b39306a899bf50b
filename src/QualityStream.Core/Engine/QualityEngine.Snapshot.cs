using QualityStream.Core.Events;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    /// <summary>
    /// Every rate of the cells that changed since the last call, for the batched <c>RatesUpdated</c> push: an array of
    /// the exact size, which the hub sends as is (a growing list left a chain of large-object-heap arrays every tick).
    /// </summary>
    public RateUpdate[] CollectRateUpdates()
    {
        var metrics = Metrics.All;
        var updates = _rateDirtyCells.Count == 0 ? [] : new RateUpdate[_rateDirtyCells.Count * _windows.Length * metrics.Count];
        var n = 0;
        foreach (var index in _rateDirtyCells)
        {
            _ratesDirty[index] = false;
            var cell = _cells[index];
            for (var w = 0; w < _windows.Length; w++)
            {
                // Indexed, not foreach: enumerating the IReadOnlyList boxes an enumerator per cell and window.
                for (var i = 0; i < metrics.Count; i++)
                {
                    var metric = metrics[i];
                    var (numerator, denominator) = Fraction(Counters(cell.Index, w), metric);
                    updates[n++] = new RateUpdate(cell.Scope, cell.BuyerId, cell.SourceId, _windows[w].Name, metric,
                        RateOf(numerator, denominator), numerator, denominator, StateOn(StatesOf(cell.Index)[(int)metric], w));
                }
            }
        }

        _rateDirtyCells.Clear();
        return updates;
    }

    public QualitySnapshot Snapshot(SnapshotFilter? filter = null)
    {
        filter ??= SnapshotFilter.All;
        var cells = new List<CellSnapshot>();
        var incidents = new List<IncidentSnapshot>();
        foreach (var cell in _cells)
        {
            if (!Matches(cell, filter))
            {
                continue;
            }

            AddWindows(cell, filter, cells);
            var states = StatesOf(cell.Index);
            for (var m = 0; m < states.Length; m++)
            {
                ref var s = ref states[m];
                if (s.IncidentId is not null)
                {
                    incidents.Add(new IncidentSnapshot(s.IncidentId, (Metric)m, _windows[s.WindowIndex].Name,
                        cell.Scope, cell.BuyerId, cell.SourceId, s.Status, DateTimeOffset.FromUnixTimeSeconds(s.OpenedAtSec)));
                }
            }
        }

        return new QualitySnapshot(Now, Seq, cells, incidents);
    }

    /// <summary>
    /// The matching cells among those numbered <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/>
    /// − 1, each window, without incidents. Cells are numbered in the order they first appear and never removed, so a
    /// caller that needs no single instant across cells (metrics) can read them all a slice at a time, and let events
    /// be applied in between instead of waiting for a whole snapshot.
    /// </summary>
    public IReadOnlyList<CellSnapshot> CellSlice(int first, int count, SnapshotFilter? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        filter ??= SnapshotFilter.All;
        var cells = new List<CellSnapshot>();
        for (var index = first; index < _cells.Count && index - first < count; index++)
        {
            if (Matches(_cells[index], filter))
            {
                AddWindows(_cells[index], filter, cells);
            }
        }

        return cells;
    }

    private void AddWindows(Cell cell, SnapshotFilter filter, List<CellSnapshot> cells)
    {
        for (var w = 0; w < _windows.Length; w++)
        {
            if (filter.Window is null || filter.Window == _windows[w].Name)
            {
                cells.Add(CellOf(cell, w));
            }
        }
    }

    private static bool Matches(Cell cell, SnapshotFilter filter) =>
        (filter.BuyerId is null || filter.BuyerId == cell.BuyerId)
        && (filter.SourceId is null || filter.SourceId == cell.SourceId)
        && (filter.Scope is null || filter.Scope == cell.Scope.Code())
        && !(filter.ExcludeSourceCells && cell.Scope == CellScope.Source);

    private CellSnapshot CellOf(Cell cell, int w)
    {
        var metrics = new Dictionary<string, MetricSnapshot>(4, StringComparer.Ordinal);
        foreach (var metric in Metrics.All)
        {
            metrics[metric.Code()] = MetricOf(cell, w, metric);
        }

        ref var c = ref Counters(cell.Index, w);
        ref var reasons = ref Reasons(cell.Index, w);
        var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
        var byPolicy = new Dictionary<string, long>(StringComparer.Ordinal) { ["accepted"] = 0, ["rejectable"] = 0, ["other"] = 0 };
        for (var r = 0; r < ReasonCounts.ReasonCount; r++)
        {
            var reason = (ReturnReason)r;
            byReason[reason.Code()] = reasons[r];
            byPolicy[reason.PolicyClass().Code()] += reasons[r];
        }

        return new CellSnapshot(cell.Scope, cell.BuyerId, cell.SourceId, _windows[w].Name, metrics,
            new ReturnBreakdown(byReason, byPolicy, c.LateReturned));
    }

    private MetricSnapshot MetricOf(Cell cell, int w, Metric metric)
    {
        var (numerator, denominator) = Fraction(Counters(cell.Index, w), metric);
        var rate = RateOf(numerator, denominator);
        ref readonly var state = ref StatesOf(cell.Index)[(int)metric];
        if (StateOn(state, w) is not { } code)
        {
            return new MetricSnapshot(rate, numerator, denominator, null, null, null);
        }

        var t = state.Threshold!.Threshold;
        var levels = new ThresholdLevels(t.Warn, t.Breach, t.Clear);
        return state.Insufficient
            ? new MetricSnapshot(rate, numerator, denominator, code, levels, state.Threshold.Scope, state.Status.Code())
            : new MetricSnapshot(rate, numerator, denominator, code, levels, state.Threshold.Scope);
    }

    private static double? RateOf(long numerator, long denominator) => denominator == 0 ? null : (double)numerator / denominator;

    /// <summary>The state as shown on window <paramref name="w"/>: null unless it is the threshold's window.</summary>
    private static string? StateOn(in MetricState state, int w) =>
        state.WindowIndex != w || state.Threshold is null ? null
            : state.Insufficient ? "insufficient"
            : state.Status.Code();
}
