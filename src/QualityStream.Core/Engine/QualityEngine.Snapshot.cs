using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Statistics;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    /// <summary>
    /// Every rate of the cells that changed since the last call, for the batched <c>RatesUpdated</c> push: an array of
    /// the exact size, which the hub sends as is (a growing list left a chain of large-object-heap arrays every tick).
    /// Source cells are left out: their rates are the sums over tasks (<see cref="SourceStage"/>).
    /// </summary>
    public RateUpdate[] CollectRateUpdates()
    {
        var dirty = _cells.RateDirty;
        var cells = 0;
        foreach (var index in dirty)
        {
            cells += _cells[index].Scope == CellScope.Source ? 0 : 1;
        }

        var updates = cells == 0 ? [] : new RateUpdate[cells * _windows.Length * CellTable.MetricCount];
        var n = 0;
        foreach (var index in dirty)
        {
            var cell = _cells[index];
            if (cell.Scope != CellScope.Source)
            {
                n = RatesOf(cell, _cells.States(index), updates, n);
            }
        }

        _cells.ClearRateDirty();
        return updates;
    }

    private int RatesOf(Cell cell, Span<MetricState> states, RateUpdate[] into, int n)
    {
        var metrics = Metrics.All;
        for (var w = 0; w < _windows.Length; w++)
        {
            // Indexed, not foreach: enumerating the IReadOnlyList boxes an enumerator per cell and window.
            for (var i = 0; i < metrics.Count; i++)
            {
                var metric = metrics[i];
                var (numerator, denominator) = Fraction(_cells.Counters(cell.Index, w), metric);
                into[n++] = new RateUpdate(cell.Scope, cell.BuyerId, cell.SourceId, _windows[w].Name, metric,
                    RateOf(numerator, denominator), numerator, denominator, StateOn(states[(int)metric], w),
                    IntervalOn(states[(int)metric], w, numerator, denominator));
            }
        }

        return n;
    }

    /// <summary>Each buyer's deliveries per day for the last four weeks and today (see <see cref="BuyerDays"/>).</summary>
    public IReadOnlyList<BuyerDays> DailyLeads()
    {
        var days = new List<BuyerDays>();
        if (_daily.Day == long.MinValue)
        {
            return days;
        }

        var last = DateOnly.FromDayNumber((int)(_daily.Day + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber));
        foreach (var cell in _cells.All)
        {
            if (cell.Scope == CellScope.Buyer && _cells.TryGetBuyer(cell.BuyerId!, out var buyer))
            {
                days.Add(new BuyerDays(cell.BuyerId!, last, _daily.Of(buyer)));
            }
        }

        return days;
    }

    /// <summary>Every matching cell and the open incidents. Source cells carry this task's counts and no state.</summary>
    public QualitySnapshot Snapshot(SnapshotFilter? filter = null)
    {
        filter ??= SnapshotFilter.All;
        var cells = new List<CellSnapshot>();
        var incidents = new List<IncidentSnapshot>();
        foreach (var cell in _cells.All)
        {
            if (!filter.Matches(cell.Scope, cell.BuyerId, cell.SourceId))
            {
                continue;
            }

            AddWindows(cell, filter, cells);
            var states = _cells.States(cell.Index);
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

        return new QualitySnapshot(Now, new Dictionary<string, long>(StringComparer.Ordinal) { [Stream] = Seq }, cells, incidents);
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
            var cell = _cells[index];
            if (filter.Matches(cell.Scope, cell.BuyerId, cell.SourceId))
            {
                AddWindows(cell, filter, cells);
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
                cells.Add(CellOf(cell.Scope, cell.BuyerId, cell.SourceId, _windows[w].Name, _cells.Counters(cell.Index, w),
                    _cells.Reasons(cell.Index, w), _cells.States(cell.Index), w));
            }
        }
    }

    /// <summary>One cell's window as the snapshot shows it; shared with <see cref="SourceStage"/>.</summary>
    internal static CellSnapshot CellOf(CellScope scope, string? buyerId, string? sourceId, string window, in WindowCounters c,
        in ReasonCounts reasons, ReadOnlySpan<MetricState> states, int w)
    {
        var metrics = new Dictionary<string, MetricSnapshot>(4, StringComparer.Ordinal);
        foreach (var metric in Metrics.All)
        {
            metrics[metric.Code()] = MetricOf(c, states[(int)metric], w, metric);
        }

        var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
        var byPolicy = new Dictionary<string, long>(StringComparer.Ordinal) { ["accepted"] = 0, ["rejectable"] = 0, ["other"] = 0 };
        for (var r = 0; r < ReasonCounts.ReturnReasonCount; r++)
        {
            var reason = (ReturnReason)r;
            byReason[reason.Code()] = reasons[r];
            byPolicy[reason.PolicyClass().Code()] += reasons[r];
        }

        var invalid = new Dictionary<string, long>(ReasonCounts.IssueCount, StringComparer.Ordinal);
        for (var i = 0; i < ReasonCounts.IssueCount; i++)
        {
            invalid[ValidityIssueCodes.All[i]] = reasons[ReasonCounts.FirstIssue + i];
        }

        return new CellSnapshot(scope, buyerId, sourceId, window, metrics, new ReturnBreakdown(byReason, byPolicy, c.LateReturned), invalid,
            c.RevenueCents / 100m);
    }

    private static MetricSnapshot MetricOf(in WindowCounters counters, in MetricState state, int w, Metric metric)
    {
        var (numerator, denominator) = Fraction(counters, metric);
        var rate = RateOf(numerator, denominator);
        if (StateOn(state, w) is not { } code)
        {
            return new MetricSnapshot(rate, numerator, denominator, null, null, null);
        }

        var t = state.Threshold!;
        var interval = IntervalOn(state, w, numerator, denominator);
        return state.Insufficient
            ? new MetricSnapshot(rate, numerator, denominator, code, t.Levels, t.Scope, state.Status.Code(), interval)
            : new MetricSnapshot(rate, numerator, denominator, code, t.Levels, t.Scope, Interval: interval);
    }

    private static double? RateOf(long numerator, long denominator) => denominator == 0 ? null : (double)numerator / denominator;

    /// <summary>
    /// The Wilson interval the state machine judges by, on the threshold's window only, and only when the threshold asks
    /// for confidence and there is a rate.
    /// </summary>
    internal static ConfidenceInterval? IntervalOn(in MetricState state, int w, long numerator, long denominator)
    {
        if (state.WindowIndex != w || state.Threshold is not { Z: > 0 } t || denominator == 0)
        {
            return null;
        }

        var (low, high) = WilsonInterval.Of(numerator, denominator, t.Z);
        return new ConfidenceInterval(low, high, t.Threshold.Confidence);
    }

    /// <summary>The state as shown on window <paramref name="w"/>: null unless it is the threshold's window.</summary>
    internal static string? StateOn(in MetricState state, int w) =>
        state.WindowIndex != w || state.Threshold is null ? null
            : state.Insufficient ? "insufficient"
            : state.Status.Code();
}
