using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    private const int MetricCount = 4;
    private const int AllMetrics = (1 << MetricCount) - 1;

    /// <summary>A delivery moves the denominators of validity, duplicate and return, never contact's.</summary>
    private const int DeliveryMetrics = (1 << (int)Metric.Validity) | (1 << (int)Metric.Duplicate) | (1 << (int)Metric.Return);

    /// <summary>The metrics whose counts a lead with these flags takes part in, so the ones its leaving a window can move.</summary>
    private static int MetricsOfLead(LeadFlags flags) =>
        DeliveryMetrics | ((flags & LeadFlags.Attempted) != 0 ? 1 << (int)Metric.Contact : 0);

    private static int MetricsOf(LeadFlags newFlags) =>
        ((newFlags & (LeadFlags.Attempted | LeadFlags.Contacted)) != 0 ? 1 << (int)Metric.Contact : 0)
        | ((newFlags & LeadFlags.Returned) != 0 ? 1 << (int)Metric.Return : 0);

    private void EvaluateQueued()
    {
        // Index loop: evaluating never enqueues, but keep it robust against growth.
        for (var i = 0; i < _evalQueue.Count; i++)
        {
            var index = _evalQueue[i];
            var mask = _evalMask[index];
            _evalMask[index] = 0;
            var states = StatesOf(index);
            for (var m = 0; m < MetricCount; m++)
            {
                if ((mask & (1 << m)) != 0)
                {
                    Evaluate(index, (Metric)m, ref states[m]);
                }
            }

            if (StateMachine.HasTimer(states) && !_cells[index].InTimers)
            {
                _cells[index].InTimers = true;
                _timerCells.Add(_cells[index]);
            }
        }

        _evalQueue.Clear();
    }

    private void Evaluate(int cell, Metric metric, ref MetricState state)
    {
        if (state.ThresholdVersion != _thresholdVersion)
        {
            Resolve(_cells[cell], metric, ref state);
        }

        if (state.WindowIndex < 0)
        {
            return;
        }

        ref var counters = ref Counters(cell, state.WindowIndex);
        var (numerator, denominator) = Fraction(counters, metric);
        var from = state.Status;
        var to = StateMachine.Step(ref state, metric, numerator, denominator, _nowSec);
        if (to != from)
        {
            Emit(_cells[cell], metric, ref state, from, to, numerator, denominator);
        }
    }

    private void Resolve(Cell cell, Metric metric, ref MetricState state)
    {
        var resolved = _thresholds.Resolve(metric, cell.Scope, cell.BuyerId, cell.SourceId);
        var window = WindowIndex(resolved.Threshold.Window);
        if (window != state.WindowIndex || !Equals(resolved.Threshold, state.Threshold?.Threshold))
        {
            // New levels or window: pending timers restart, the state itself carries over and is re-judged.
            state.BeyondWarnSince = -1;
            state.BeyondBreachSince = -1;
        }

        state.Threshold = resolved;
        state.WindowIndex = window;
        var judged = _judgedOn.AsSpan(cell.Index * _windows.Length, _windows.Length);
        for (var w = 0; w < judged.Length; w++)
        {
            judged[w] = w == window ? judged[w] | (1 << (int)metric) : judged[w] & ~(1 << (int)metric);
        }

        state.ThresholdVersion = _thresholdVersion;
    }

    private void Emit(Cell cell, Metric metric, ref MetricState state, MetricStatus from, MetricStatus to, long numerator, long denominator)
    {
        if (from == MetricStatus.Ok)
        {
            state.OpenedAtSec = _nowSec;
            state.IncidentId = IncidentId(cell, metric, _windows[state.WindowIndex].Name, _nowSec);
        }

        var t = state.Threshold!;
        _changes.Add(new QualityStateChanged(
            ++Seq,
            state.IncidentId!,
            metric,
            _windows[state.WindowIndex].Name,
            cell.Scope,
            cell.BuyerId,
            cell.SourceId,
            from,
            to,
            denominator == 0 ? null : (double)numerator / denominator,
            denominator,
            LevelsOf(t),
            t.Scope,
            Now));
        state.Status = to;
        if (to == MetricStatus.Ok)
        {
            state.IncidentId = null;
        }
    }

    /// <summary>One immutable levels record per resolved threshold, shared by every change it judged, not one per change.</summary>
    private ThresholdLevels LevelsOf(ResolvedThreshold resolved)
    {
        ref var levels = ref CollectionsMarshal.GetValueRefOrAddDefault(_levels, resolved, out _);
        return levels ??= new ThresholdLevels(resolved.Threshold.Warn, resolved.Threshold.Breach, resolved.Threshold.Clear);
    }

    /// <summary>
    /// Deterministic, so a replay of the same events names an incident the same way. Built on the stack: only the id
    /// itself is allocated (ids are at most 64 characters, so the identity fits; the heap path is a safety net).
    /// </summary>
    private static string IncidentId(Cell cell, Metric metric, string window, long openedSec)
    {
        Span<char> chars = stackalloc char[256];
        Span<byte> utf8 = stackalloc byte[256 * 3];
        var hash = chars.TryWrite(CultureInfo.InvariantCulture,
                $"{cell.Scope.Code()}|{cell.BuyerId}|{cell.SourceId}|{metric.Code()}|{window}|{openedSec}", out var length)
            ? XxHash64.HashToUInt64(utf8[..Encoding.UTF8.GetBytes(chars[..length], utf8)])
            : XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"{cell.Scope.Code()}|{cell.BuyerId}|{cell.SourceId}|{metric.Code()}|{window}|{openedSec}")));
        return string.Create(20, hash, static (id, h) =>
        {
            "inc-".CopyTo(id);
            h.TryFormat(id[4..], out _, "x16", CultureInfo.InvariantCulture);
        });
    }

    private static (long Numerator, long Denominator) Fraction(in WindowCounters c, Metric metric) => metric switch
    {
        Metric.Validity => (c.Valid, c.Delivered),
        Metric.Duplicate => (c.Duplicate, c.Delivered),
        Metric.Contact => (c.Contacted, c.Attempted),
        _ => (c.Returned, c.Delivered),
    };
}
