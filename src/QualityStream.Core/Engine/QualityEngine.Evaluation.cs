using System.Globalization;
using System.IO.Hashing;
using System.Text;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    /// <summary>A delivery moves the denominators of validity, duplicate and return, never contact's.</summary>
    private const int DeliveryMetrics = (1 << (int)Metric.Validity) | (1 << (int)Metric.Duplicate) | (1 << (int)Metric.Return);

    private static int MetricsOf(LeadFlags newFlags) =>
        ((newFlags & (LeadFlags.Attempted | LeadFlags.Contacted)) != 0 ? 1 << (int)Metric.Contact : 0)
        | ((newFlags & LeadFlags.Returned) != 0 ? 1 << (int)Metric.Return : 0);

    private void JudgeQueued(bool byCell = false) => _cells.DrainQueue(_judge, byCell);

    private void Judge(int cell, int metrics)
    {
        var states = _cells.States(cell);
        for (var m = 0; m < CellTable.MetricCount; m++)
        {
            if ((metrics & (1 << m)) != 0)
            {
                Judge(cell, (Metric)m, ref states[m]);
            }
        }

        _cells.TrackTimer(cell);
    }

    private void Judge(int cell, Metric metric, ref MetricState state)
    {
        if (state.ThresholdVersion != _thresholdVersion)
        {
            Resolve(_cells[cell], metric, ref state);
        }

        if (state.WindowIndex < 0)
        {
            return;
        }

        ref var counters = ref _cells.Counters(cell, state.WindowIndex);
        var (numerator, denominator) = Fraction(counters, metric);
        var from = state.Status;
        if (counters.Delivered == 0 && from != MetricStatus.Ok)
        {
            // Nothing left to judge the incident by: its traffic stopped (often the operator paused the source). It
            // ends, saying so, rather than holding its state, and its alert, for ever.
            StateMachine.Step(ref state, metric, numerator, denominator, _nowSec);
            Emit(_cells[cell], metric, ref state, from, MetricStatus.Ok, numerator, denominator, StateChangeReason.NoTraffic);
            return;
        }

        var to = StateMachine.Step(ref state, metric, numerator, denominator, _nowSec);
        if (to != from)
        {
            Emit(_cells[cell], metric, ref state, from, to, numerator, denominator, _judgingFor);
        }
    }

    private void Resolve(Cell cell, Metric metric, ref MetricState state)
    {
        var resolved = _thresholds.Resolve(metric, cell.Scope, cell.BuyerId, cell.SourceId);
        var window = WindowIndex(resolved.Threshold.Window);
        state.Follow(resolved, window, _thresholdVersion);
        var judged = _cells.JudgedOn(cell.Index);
        for (var w = 0; w < judged.Length; w++)
        {
            judged[w] = w == window ? judged[w] | (1 << (int)metric) : judged[w] & ~(1 << (int)metric);
        }
    }

    private void Emit(Cell cell, Metric metric, ref MetricState state, MetricStatus from, MetricStatus to, long numerator, long denominator,
        StateChangeReason reason)
    {
        if (from == MetricStatus.Ok)
        {
            state.OpenedAtSec = _nowSec;
            state.IncidentId = IncidentId(cell.Scope, cell.BuyerId, cell.SourceId, metric, _windows[state.WindowIndex].Name, _nowSec);
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
            t.Levels,
            t.Scope,
            Now,
            Stream,
            reason));
        state.Status = to;
        if (to == MetricStatus.Ok)
        {
            state.IncidentId = null;
        }
    }

    /// <summary>
    /// Takes the state a change that was sent gave its cell, whatever this engine made of its input: after a replay
    /// that did not repeat what a task had sent before its restart, what users saw wins. The stream continues after it.
    /// </summary>
    public void Adopt(QualityStateChanged sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var cell = _cells.CellOf(sent.Scope, sent.BuyerId, sent.SourceId);
        AdoptInto(ref _cells.States(cell)[(int)sent.Metric], sent, WindowIndex(sent.Window));
        _cells.TrackTimer(cell);
        Seq = Math.Max(Seq, sent.Seq);
    }

    internal static void AdoptInto(ref MetricState state, QualityStateChanged sent, int window)
    {
        state.Status = sent.To;
        state.WindowIndex = window;
        if (sent.From == MetricStatus.Ok)
        {
            state.OpenedAtSec = sent.At.ToUnixTimeSeconds();
        }

        state.IncidentId = sent.To == MetricStatus.Ok ? null : sent.IncidentId;
    }

    /// <summary>
    /// Deterministic, so a replay of the same events names an incident the same way. Built on the stack: only the id
    /// itself is allocated (ids are at most 64 characters, so the identity fits; the heap path is a safety net).
    /// </summary>
    internal static string IncidentId(CellScope scope, string? buyerId, string? sourceId, Metric metric, string window, long openedSec)
    {
        Span<char> chars = stackalloc char[256];
        Span<byte> utf8 = stackalloc byte[256 * 3];
        var hash = chars.TryWrite(CultureInfo.InvariantCulture,
                $"{scope.Code()}|{buyerId}|{sourceId}|{metric.Code()}|{window}|{openedSec}", out var length)
            ? XxHash64.HashToUInt64(utf8[..Encoding.UTF8.GetBytes(chars[..length], utf8)])
            : XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"{scope.Code()}|{buyerId}|{sourceId}|{metric.Code()}|{window}|{openedSec}")));
        return string.Create(20, hash, static (id, h) =>
        {
            "inc-".CopyTo(id);
            h.TryFormat(id[4..], out _, "x16", CultureInfo.InvariantCulture);
        });
    }

    internal static (long Numerator, long Denominator) Fraction(in WindowCounters c, Metric metric) => metric switch
    {
        Metric.Validity => (c.Valid, c.Delivered),
        Metric.Duplicate => (c.Duplicate, c.Delivered),
        Metric.Contact => (c.Contacted, c.Attempted),
        _ => (c.Returned, c.Delivered),
    };
}
