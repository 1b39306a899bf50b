using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

/// <summary>
/// The source cells, judged on the sums of the tasks' counts: a source sells to many buyers, whose events land in many
/// partitions, so no task sees a source whole; numerators and denominators add. Each task hands over what its sources
/// counted at the end of each second of its time (<see cref="SourceCounts"/>); a second is judged once every task has
/// closed it, with the counts every task had then, in source order. So the stage's changes, their seconds and their
/// seq depend on the tasks' input alone, not on which task ran ahead or when the stage looked: a restored stage makes
/// the same changes as one that never stopped. Its changes form their own stream. Not thread-safe.
/// </summary>
public sealed class SourceStage
{
    public const string DefaultStream = "sources";
    private const int Format = 2;

    /// <summary>The format before thresholds had a confidence and counts their validity issues and revenue; still read, so a deploy restores from it.</summary>
    private const int NoConfidenceFormat = 1;

    private readonly WindowSpec[] _windows;
    private readonly SortedDictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, TaskCounts> _tasks = new(StringComparer.Ordinal);
    private readonly List<QualityStateChanged> _changes = [];
    private ThresholdSet _thresholds = ThresholdSet.Empty;
    private long _thresholdVersion;
    private long _judgedSec = long.MinValue;

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

    /// <summary>The last second judged (Unix seconds), <see cref="long.MinValue"/> before the first.</summary>
    public long JudgedThroughSec => _judgedSec;

    /// <summary>Forgets every source, task and the stream's position, before a checkpoint is read into the stage.</summary>
    public void Clear()
    {
        _sources.Clear();
        _tasks.Clear();
        _changes.Clear();
        (Seq, _judgedSec) = (0, long.MinValue);
    }

    public void SetThresholds(ThresholdSet thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (!thresholds.ContentEquals(_thresholds))
        {
            _thresholds = thresholds;
            _thresholdVersion++;
            if (_judgedSec != long.MinValue)
            {
                JudgeAll(StateChangeReason.Threshold);
            }
        }
    }

    /// <summary>
    /// Takes a task's records and how far its time is over. A record of a second the stage already heard from this task
    /// (a restored task replaying) is ignored; one of a second already judged (a task that joined late) counts from the
    /// next judgement.
    /// </summary>
    public void Receive(string task, IReadOnlyList<SourceCounts> records, long closedThroughSec)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(records);
        if (!_tasks.TryGetValue(task, out var counts))
        {
            counts = new TaskCounts();
            _tasks.Add(task, counts);
        }

        foreach (var record in records)
        {
            if (record.Second <= counts.Through)
            {
                continue;
            }

            if (record.Second <= _judgedSec)
            {
                Apply(counts, record);
            }
            else
            {
                counts.Pending.Enqueue(record);
            }

            counts.Through = record.Second;
        }

        counts.Through = Math.Max(counts.Through, closedThroughSec);
    }

    /// <summary>
    /// Judges every second that every task has closed; a task without time yet (heard with no closed second) holds the
    /// stage back, since its first events may be of any second. Returns whether any second was judged.
    /// </summary>
    public bool Advance()
    {
        var through = long.MaxValue;
        foreach (var task in _tasks.Values)
        {
            through = Math.Min(through, task.Through);
        }

        if (through is long.MaxValue or long.MinValue)
        {
            return false;
        }

        if (_judgedSec == long.MinValue)
        {
            _judgedSec = Math.Min(through, NextPendingSecond()) - 1;
        }

        var judged = false;
        while (_judgedSec < through)
        {
            // Seconds with no new counts and no pending timer cannot change a state: skip to the next that can.
            var next = Math.Min(through, NextPendingSecond());
            if (AnyTimer())
            {
                next = _judgedSec + 1;
            }

            _judgedSec = next;
            foreach (var task in _tasks.Values)
            {
                while (task.Pending.TryPeek(out var record) && record.Second <= next)
                {
                    Apply(task, task.Pending.Dequeue());
                }
            }

            ForgetUncounted();
            JudgeAll(StateChangeReason.Rate);
            judged = true;
        }

        return judged;
    }

    /// <summary>A task that went to another worker: its counts leave the sums, and a source no task counts is forgotten, not closed.</summary>
    public void Forget(string task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (_tasks.Remove(task, out var counts))
        {
            Withdraw(counts);
            ForgetUncounted();
        }
    }

    /// <summary>Forgets every task not in <paramref name="tasks"/> (after a restore: the stage's checkpoint may name tasks held elsewhere now).</summary>
    public void Retain(IReadOnlyCollection<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var task in _tasks.Keys.Where(t => !tasks.Contains(t)).ToList())
        {
            Forget(task);
        }
    }

    public int DrainStateChanges(ICollection<QualityStateChanged> into) => QualityEngine.Drain(_changes, into);

    /// <summary>Takes the state a sent change gave its source (see <see cref="QualityEngine.Adopt"/>).</summary>
    public void Adopt(QualityStateChanged sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (_sources.TryGetValue(sent.SourceId!, out var source))
        {
            QualityEngine.AdoptInto(ref source.States[(int)sent.Metric], sent, WindowIndex(sent.Window));
        }

        Seq = Math.Max(Seq, sent.Seq);
    }

    /// <summary>Every matching source cell as of the last judgement, and the open source incidents.</summary>
    public (List<CellSnapshot> Cells, List<IncidentSnapshot> Incidents) Snapshot(SnapshotFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var cells = new List<CellSnapshot>();
        var incidents = new List<IncidentSnapshot>();
        foreach (var source in _sources.Values)
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
        foreach (var source in _sources.Values)
        {
            for (var w = 0; w < _windows.Length; w++)
            {
                foreach (var metric in Metrics.All)
                {
                    var (numerator, denominator) = QualityEngine.Fraction(source.Counters[w], metric);
                    updates.Add(new RateUpdate(CellScope.Source, null, source.Id, _windows[w].Name, metric,
                        denominator == 0 ? null : (double)numerator / denominator, numerator, denominator,
                        QualityEngine.StateOn(source.States[(int)metric], w),
                        QualityEngine.IntervalOn(source.States[(int)metric], w, numerator, denominator)));
                }
            }
        }

        return [.. updates];
    }

    /// <summary>
    /// The stage's memory, for checkpoints: the second judged, seq, every source's alerting state, and per task the
    /// counts summed, how far it was heard and the records not judged yet.
    /// </summary>
    public void WriteTo(BinaryWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(Format);
        w.Write(_judgedSec);
        w.Write(Seq);
        w.Write(_sources.Count);
        foreach (var source in _sources.Values)
        {
            w.Write(source.Id);
            foreach (ref var s in source.States.AsSpan())
            {
                MetricStateFormat.Write(w, s);
            }
        }

        w.Write(_tasks.Count);
        foreach (var (name, task) in _tasks)
        {
            w.Write(name);
            w.Write(task.Through);
            w.Write(task.Counts.Count);
            foreach (var (id, counts) in task.Counts)
            {
                w.Write(id);
                WriteCounts(w, counts.Counters, counts.Reasons, 0);
            }

            w.Write(task.Pending.Count);
            foreach (var record in task.Pending)
            {
                w.Write(record.Second);
                w.Write(record.Full);
                w.Write(record.SourceCount);
                for (var i = 0; i < record.SourceCount; i++)
                {
                    w.Write(record.SourceIds[i]);
                    WriteCounts(w, record.Counters, record.Reasons, i * _windows.Length);
                }
            }
        }
    }

    /// <exception cref="InvalidDataException">The state is of another format.</exception>
    public void ReadFrom(BinaryReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var format = r.ReadInt32();
        if (format is not (Format or NoConfidenceFormat))
        {
            throw new InvalidDataException($"source stage format {format} is not supported (expected {Format})");
        }

        var reasonCount = format == Format ? ReasonCounts.ReasonCount : ReasonCounts.ReturnReasonCount;

        _judgedSec = r.ReadInt64();
        Seq = r.ReadInt64();
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var source = SourceOf(r.ReadString());
            foreach (ref var s in source.States.AsSpan())
            {
                MetricStateFormat.Read(r, ref s, WindowIndex, withConfidence: format == Format);
            }
        }

        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var task = new TaskCounts();
            _tasks.Add(r.ReadString(), task);
            task.Through = r.ReadInt64();
            for (var c = r.ReadInt32(); c > 0; c--)
            {
                var id = r.ReadString();
                var counts = new SourceCount(_windows.Length);
                ReadCounts(r, counts.Counters, counts.Reasons, 0, reasonCount);
                task.Counts.Add(id, counts);
                Add(SourceOf(id), counts, 1);
                SourceOf(id).Tasks++;
            }

            for (var p = r.ReadInt32(); p > 0; p--)
            {
                var (second, full, sources) = (r.ReadInt64(), r.ReadBoolean(), r.ReadInt32());
                var ids = new string[sources];
                var counters = new WindowCounters[sources * _windows.Length];
                var reasons = new ReasonCounts[sources * _windows.Length];
                for (var i = 0; i < sources; i++)
                {
                    ids[i] = r.ReadString();
                    ReadCounts(r, counters, reasons, i * _windows.Length, reasonCount);
                }

                task.Pending.Enqueue(new SourceCounts(second, full, ids, counters, reasons));
            }
        }
    }

    private void WriteCounts(BinaryWriter w, WindowCounters[] counters, ReasonCounts[] reasons, int at)
    {
        for (var i = at; i < at + _windows.Length; i++)
        {
            ref var c = ref counters[i];
            w.Write(c.Delivered);
            w.Write(c.Valid);
            w.Write(c.Duplicate);
            w.Write(c.Attempted);
            w.Write(c.Contacted);
            w.Write(c.Returned);
            w.Write(c.LateReturned);
            w.Write(c.RevenueCents);
            for (var reason = 0; reason < ReasonCounts.ReasonCount; reason++)
            {
                w.Write(reasons[i][reason]);
            }
        }
    }

    private void ReadCounts(BinaryReader r, WindowCounters[] counters, ReasonCounts[] reasons, int at, int reasonCount)
    {
        for (var i = at; i < at + _windows.Length; i++)
        {
            counters[i] = new WindowCounters
            {
                Delivered = r.ReadInt64(),
                Valid = r.ReadInt64(),
                Duplicate = r.ReadInt64(),
                Attempted = r.ReadInt64(),
                Contacted = r.ReadInt64(),
                Returned = r.ReadInt64(),
                LateReturned = r.ReadInt64(),
                RevenueCents = reasonCount == ReasonCounts.ReasonCount ? r.ReadInt64() : 0,
            };
            for (var reason = 0; reason < reasonCount; reason++)
            {
                reasons[i][reason] = r.ReadInt64();
            }
        }
    }

    private long NextPendingSecond()
    {
        var next = long.MaxValue;
        foreach (var task in _tasks.Values)
        {
            if (task.Pending.TryPeek(out var record))
            {
                next = Math.Min(next, record.Second);
            }
        }

        return next;
    }

    private bool AnyTimer()
    {
        foreach (var source in _sources.Values)
        {
            if (StateMachine.HasTimer(source.States))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Puts a task's record into the sums: each source it names takes the counts it carries for this task.</summary>
    private void Apply(TaskCounts task, SourceCounts record)
    {
        if (record.Full)
        {
            Withdraw(task);
        }

        for (var i = 0; i < record.SourceCount; i++)
        {
            var source = SourceOf(record.SourceIds[i]);
            if (task.Counts.TryGetValue(source.Id, out var counts))
            {
                Add(source, counts, -1);
            }
            else
            {
                counts = new SourceCount(_windows.Length);
                task.Counts.Add(source.Id, counts);
                source.Tasks++;
            }

            Array.Copy(record.Counters, i * _windows.Length, counts.Counters, 0, _windows.Length);
            Array.Copy(record.Reasons, i * _windows.Length, counts.Reasons, 0, _windows.Length);
            Add(source, counts, 1);
        }
    }

    private void Withdraw(TaskCounts task)
    {
        foreach (var (id, counts) in task.Counts)
        {
            var source = _sources[id];
            Add(source, counts, -1);
            source.Tasks--;
        }

        task.Counts.Clear();
    }

    private void ForgetUncounted()
    {
        foreach (var id in _sources.Values.Where(s => s.Tasks == 0).Select(s => s.Id).ToList())
        {
            _sources.Remove(id);
        }
    }

    private void Add(Source source, SourceCount counts, long sign)
    {
        for (var w = 0; w < _windows.Length; w++)
        {
            ref var sum = ref source.Counters[w];
            ref readonly var c = ref counts.Counters[w];
            sum.Delivered += sign * c.Delivered;
            sum.Valid += sign * c.Valid;
            sum.Duplicate += sign * c.Duplicate;
            sum.Attempted += sign * c.Attempted;
            sum.Contacted += sign * c.Contacted;
            sum.Returned += sign * c.Returned;
            sum.LateReturned += sign * c.LateReturned;
            sum.RevenueCents += sign * c.RevenueCents;
            for (var r = 0; r < ReasonCounts.ReasonCount; r++)
            {
                source.Reasons[w][r] += sign * counts.Reasons[w][r];
            }
        }
    }

    private Source SourceOf(string id)
    {
        if (!_sources.TryGetValue(id, out var source))
        {
            source = new Source(id, _windows.Length);
            _sources.Add(id, source);
        }

        return source;
    }

    private void JudgeAll(StateChangeReason reason)
    {
        foreach (var source in _sources.Values)
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
            state.Follow(resolved, WindowIndex(resolved.Threshold.Window), _thresholdVersion);
        }

        if (state.WindowIndex < 0)
        {
            return;
        }

        ref var counters = ref source.Counters[state.WindowIndex];
        var (numerator, denominator) = QualityEngine.Fraction(counters, metric);
        var from = state.Status;
        var to = StateMachine.Step(ref state, metric, numerator, denominator, _judgedSec);
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
            state.OpenedAtSec = _judgedSec;
            state.IncidentId = QualityEngine.IncidentId(CellScope.Source, null, source.Id, metric, windowName, _judgedSec);
        }

        _changes.Add(new QualityStateChanged(++Seq, state.IncidentId!, metric, windowName, CellScope.Source, null, source.Id, from, to,
            denominator == 0 ? null : (double)numerator / denominator, denominator, state.Threshold!.Levels, state.Threshold.Scope,
            DateTimeOffset.FromUnixTimeSeconds(_judgedSec), Stream, reason));
        state.Status = to;
        if (to == MetricStatus.Ok)
        {
            state.IncidentId = null;
        }
    }

    private int WindowIndex(string name) => WindowSpec.IndexOf(_windows, name);

    private sealed class Source(string id, int windows)
    {
        public string Id { get; } = id;

        public WindowCounters[] Counters { get; } = new WindowCounters[windows];

        public ReasonCounts[] Reasons { get; } = new ReasonCounts[windows];

        public MetricState[] States { get; } = Enumerable.Range(0, CellTable.MetricCount).Select(_ => new MetricState()).ToArray();

        /// <summary>How many tasks count this source.</summary>
        public int Tasks { get; set; }
    }

    /// <summary>One task's counts of one source, per window, as last summed.</summary>
    private sealed class SourceCount(int windows)
    {
        public WindowCounters[] Counters { get; } = new WindowCounters[windows];

        public ReasonCounts[] Reasons { get; } = new ReasonCounts[windows];
    }

    /// <summary>What the stage holds of one task: its counts in the sums, how far it was heard, and what waits to be judged.</summary>
    private sealed class TaskCounts
    {
        public long Through { get; set; } = long.MinValue;

        public SortedDictionary<string, SourceCount> Counts { get; } = new(StringComparer.Ordinal);

        public Queue<SourceCounts> Pending { get; } = new();
    }
}
