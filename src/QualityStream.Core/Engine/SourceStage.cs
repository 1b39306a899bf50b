using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

/// <summary>
/// The source cells, judged on the sums of the tasks' counts: a source sells to many buyers, whose events land in many
/// partitions, so no task sees a source whole; numerators and denominators add. Judged when the caller asks (once a
/// second), at the latest time of the tasks it sums, with the same state machine as every other cell; its state
/// changes form their own stream. Not thread-safe.
/// </summary>
public sealed class SourceStage
{
    public const string DefaultStream = "sources";

    private readonly WindowSpec[] _windows;
    private readonly List<Source> _sources = [];
    private readonly Dictionary<string, Source> _byId = new(StringComparer.Ordinal);
    private readonly List<QualityStateChanged> _changes = [];
    private ThresholdSet _thresholds = ThresholdSet.Empty;
    private long _thresholdVersion;
    private long _nowSec = long.MinValue;

    public SourceStage(QualityEngineOptions options, string stream = DefaultStream)
    {
        ArgumentNullException.ThrowIfNull(options);
        _windows = [.. options.WindowNames.Select(WindowSpec.Parse)];
        Stream = stream;
    }

    public string Stream { get; }

    /// <summary>The last <c>seq</c> given to a change of this stream.</summary>
    public long Seq { get; private set; }

    public int Count => _sources.Count;

    /// <summary>Forgets every source and the stream's position, before a checkpoint is read into the stage.</summary>
    public void Clear()
    {
        _sources.Clear();
        _byId.Clear();
        _changes.Clear();
        (Seq, _nowSec) = (0, long.MinValue);
    }

    public void SetThresholds(ThresholdSet thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (!thresholds.ContentEquals(_thresholds))
        {
            _thresholds = thresholds;
            _thresholdVersion++;
            JudgeAll(StateChangeReason.Threshold);
        }
    }

    /// <summary>
    /// Sums the source counts of <paramref name="tasks"/> and judges every source. A source no task counts any more
    /// (its partitions moved to another worker) is forgotten, not closed: its traffic did not stop.
    /// </summary>
    public void Judge(IReadOnlyCollection<QualityEngine> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var source in _sources)
        {
            source.Clear();
        }

        foreach (var task in tasks)
        {
            if (task.HasTime)
            {
                _nowSec = Math.Max(_nowSec, task.Now.ToUnixTimeSeconds());
            }

            foreach (var (sourceId, w, counters, reasons) in task.SourceCounts())
            {
                SourceOf(sourceId).Add(w, counters, reasons);
            }
        }

        _sources.RemoveAll(s => !s.Counted && _byId.Remove(s.Id));
        if (_nowSec != long.MinValue)
        {
            JudgeAll(StateChangeReason.Rate);
        }
    }

    public int DrainStateChanges(ICollection<QualityStateChanged> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var n = _changes.Count;
        foreach (var change in _changes)
        {
            into.Add(change);
        }

        _changes.Clear();
        return n;
    }

    /// <summary>Takes the state a sent change gave its source (see <see cref="QualityEngine.Adopt"/>).</summary>
    public void Adopt(QualityStateChanged sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var source = SourceOf(sent.SourceId!);
        QualityEngine.AdoptInto(ref source.States[(int)sent.Metric], sent, WindowIndex(sent.Window));
        Seq = Math.Max(Seq, sent.Seq);
    }

    /// <summary>Every matching source cell as of the last judgement, and the open source incidents.</summary>
    public (List<CellSnapshot> Cells, List<IncidentSnapshot> Incidents) Snapshot(SnapshotFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var cells = new List<CellSnapshot>();
        var incidents = new List<IncidentSnapshot>();
        foreach (var source in _sources)
        {
            if (!filter.Matches(CellScope.Source, null, source.Id))
            {
                continue;
            }

            for (var w = 0; w < _windows.Length; w++)
            {
                if (filter.Window is null || filter.Window == _windows[w].Name)
                {
                    cells.Add(QualityEngine.CellOf(CellScope.Source, null, source.Id, _windows[w].Name, source.Counters[w], source.Reasons[w], source.States, w));
                }
            }

            for (var m = 0; m < source.States.Length; m++)
            {
                if (source.States[m].IncidentId is { } id)
                {
                    incidents.Add(new IncidentSnapshot(id, (Metric)m, _windows[source.States[m].WindowIndex].Name, CellScope.Source, null,
                        source.Id, source.States[m].Status, DateTimeOffset.FromUnixTimeSeconds(source.States[m].OpenedAtSec)));
                }
            }
        }

        return (cells, incidents);
    }

    /// <summary>Every source's rates, for the batched <c>RatesUpdated</c> push (sources are few; all go, each time).</summary>
    public RateUpdate[] RateUpdates()
    {
        var updates = new List<RateUpdate>(_sources.Count * _windows.Length * CellTable.MetricCount);
        foreach (var source in _sources)
        {
            for (var w = 0; w < _windows.Length; w++)
            {
                foreach (var metric in Metrics.All)
                {
                    var (numerator, denominator) = QualityEngine.Fraction(source.Counters[w], metric);
                    updates.Add(new RateUpdate(CellScope.Source, null, source.Id, _windows[w].Name, metric,
                        denominator == 0 ? null : (double)numerator / denominator, numerator, denominator,
                        QualityEngine.StateOn(source.States[(int)metric], w)));
                }
            }
        }

        return [.. updates];
    }

    /// <summary>The stage's memory (time, seq, every source's alerting state), for checkpoints; counts are the tasks'.</summary>
    public void WriteTo(BinaryWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(_nowSec);
        w.Write(Seq);
        w.Write(_sources.Count);
        foreach (var source in _sources)
        {
            w.Write(source.Id);
            foreach (ref var s in source.States.AsSpan())
            {
                MetricStateFormat.Write(w, s);
            }
        }
    }

    public void ReadFrom(BinaryReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        _nowSec = r.ReadInt64();
        Seq = r.ReadInt64();
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var source = SourceOf(r.ReadString());
            foreach (ref var s in source.States.AsSpan())
            {
                MetricStateFormat.Read(r, ref s, WindowIndex);
            }
        }
    }

    private Source SourceOf(string id)
    {
        if (!_byId.TryGetValue(id, out var source))
        {
            source = new Source(id, _windows.Length);
            _byId.Add(id, source);
            _sources.Add(source);
        }

        source.Counted = true;
        return source;
    }

    private void JudgeAll(StateChangeReason reason)
    {
        foreach (var source in _sources)
        {
            for (var m = 0; m < source.States.Length; m++)
            {
                Judge(source, (Metric)m, ref source.States[m], reason);
            }
        }
    }

    private void Judge(Source source, Metric metric, ref MetricState state, StateChangeReason reason)
    {
        if (state.ThresholdVersion != _thresholdVersion)
        {
            var resolved = _thresholds.Resolve(metric, CellScope.Source, null, source.Id);
            var window = WindowIndex(resolved.Threshold.Window);
            if (window != state.WindowIndex || !Equals(resolved.Threshold, state.Threshold?.Threshold))
            {
                state.BeyondWarnSince = -1;
                state.BeyondBreachSince = -1;
            }

            state.Threshold = resolved;
            state.WindowIndex = window;
            state.ThresholdVersion = _thresholdVersion;
        }

        if (state.WindowIndex < 0)
        {
            return;
        }

        ref var counters = ref source.Counters[state.WindowIndex];
        var (numerator, denominator) = QualityEngine.Fraction(counters, metric);
        var from = state.Status;
        var to = StateMachine.Step(ref state, metric, numerator, denominator, _nowSec);
        if (counters.Delivered == 0 && from != MetricStatus.Ok)
        {
            (to, reason) = (MetricStatus.Ok, StateChangeReason.NoTraffic);
        }

        if (to == from)
        {
            return;
        }

        var windowName = _windows[state.WindowIndex].Name;
        if (from == MetricStatus.Ok)
        {
            state.OpenedAtSec = _nowSec;
            state.IncidentId = QualityEngine.IncidentId(CellScope.Source, null, source.Id, metric, windowName, _nowSec);
        }

        _changes.Add(new QualityStateChanged(++Seq, state.IncidentId!, metric, windowName, CellScope.Source, null, source.Id, from, to,
            denominator == 0 ? null : (double)numerator / denominator, denominator, state.Threshold!.Levels, state.Threshold.Scope,
            DateTimeOffset.FromUnixTimeSeconds(_nowSec), Stream, reason));
        state.Status = to;
        if (to == MetricStatus.Ok)
        {
            state.IncidentId = null;
        }
    }

    private int WindowIndex(string name) => Array.FindIndex(_windows, w => w.Name == name);

    private sealed class Source(string id, int windows)
    {
        public string Id { get; } = id;

        public WindowCounters[] Counters { get; } = new WindowCounters[windows];

        public ReasonCounts[] Reasons { get; } = new ReasonCounts[windows];

        public MetricState[] States { get; } = Enumerable.Range(0, CellTable.MetricCount).Select(_ => new MetricState()).ToArray();

        /// <summary>Whether some task counted it in the last sum.</summary>
        public bool Counted { get; set; }

        public void Clear()
        {
            Array.Clear(Counters);
            Array.Clear(Reasons);
            Counted = false;
        }

        public void Add(int window, in WindowCounters counters, in ReasonCounts reasons)
        {
            ref var sum = ref Counters[window];
            sum.Delivered += counters.Delivered;
            sum.Valid += counters.Valid;
            sum.Duplicate += counters.Duplicate;
            sum.Attempted += counters.Attempted;
            sum.Contacted += counters.Contacted;
            sum.Returned += counters.Returned;
            sum.LateReturned += counters.LateReturned;
            for (var r = 0; r < ReasonCounts.ReasonCount; r++)
            {
                Reasons[window][r] += reasons[r];
            }
        }
    }
}
