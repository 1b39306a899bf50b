using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Extensions.Options;
using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Feed;
using QualityStream.Worker.Telemetry;

namespace QualityStream.Worker.Pipeline;

/// <summary>
/// The partition tasks this worker holds, and the source stage: applies each prepared event to its task under one lock
/// (engines are single-threaded), and publishes what changed. A restored task replays its input from its checkpoint;
/// what the replay makes that users saw before (<see cref="ReplayedOutputs"/>) is not sent again. Preparing (decode,
/// inspect) needs no lock; the ingestion loop does it on a thread of its own (<see cref="CreatePreparer"/>). The
/// per-event path is a plain loop; Rx starts at the outputs.
/// </summary>
public sealed class QualityPipeline : IQualityFeed, IDisposable
{
    // Cells read under one hold of the lock by Cells(): a small part of a whole snapshot's hold (bench/README.md, micro).
    private const int SliceCells = 256;

    private readonly Lock _gate = new();
    private bool _disposed;
    private readonly SortedDictionary<int, PartitionTask> _tasks = [];
    private readonly SourceStage _sources;
    private readonly QualityEngineOptions _engineOptions;
    private readonly NoticeOptions _noticeOptions;
    private readonly TimeProvider _time;
    private readonly QualityMetrics _metrics;
    private readonly long _quietLagSeconds;
    private ThresholdSet _thresholds = ThresholdSet.Empty;
    private int _partitionCount = 1;
    private readonly Subject<QualityStateChanged> _changes = new();
    private readonly Subject<IReadOnlyList<RateUpdate>> _rates = new();
    private readonly Subject<BuyerNotice> _notices = new();
    private readonly Subject<TaskOutput> _toSend = new();
    private readonly Subject<ExpiredOutput> _expired = new();
    private readonly Subject<IReadOnlyList<string>> _streams = new();
    private readonly List<QualityStateChanged> _changeBuffer = [];
    private readonly List<BuyerNotice> _noticeBuffer = [];
    private readonly List<ExpiredFeedback> _expiredBuffer = [];
    private readonly List<SourceCounts> _sourceCountsBuffer = [];
    // What the source stage sent after its checkpoint, while its replay has not passed it.
    private ReplayedOutputs? _sourcesReplay;
    private readonly EventLoopScheduler _outputThread = new(start => new Thread(start) { Name = "qs-outputs", IsBackground = true });
    private readonly CompositeDisposable _connections;

    public QualityPipeline(IOptions<QualityEngineOptions> options, IOptions<NoticeOptions> notices, TimeProvider time,
        IScheduler scheduler, QualityMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(notices);
        _engineOptions = options.Value;
        _noticeOptions = notices.Value;
        _time = time;
        _metrics = metrics;
        _quietLagSeconds = options.Value.QuietLagSeconds;
        _sources = new SourceStage(options.Value);
        StateChanges = _changes.ObserveOn(_outputThread);
        RatesUpdated = _rates.ObserveOn(_outputThread);
        Notices = _notices.ObserveOn(_outputThread);
        StreamsChanged = _streams.ObserveOn(_outputThread);
        // Once a second: rate batches, the source stage, the gauges.
        _connections = new CompositeDisposable(Observable.Interval(TimeSpan.FromSeconds(1), scheduler).Subscribe(_ => Tick()));
    }

    public IObservable<QualityStateChanged> StateChanges { get; }

    public IObservable<IReadOnlyList<RateUpdate>> RatesUpdated { get; }

    public IObservable<BuyerNotice> Notices { get; }

    public IObservable<IReadOnlyList<string>> StreamsChanged { get; }

    /// <summary>
    /// Every state change and notice to send, synchronously, before the call that made it returns: for the Kafka
    /// outputs, which must have them before the checkpoint covering their event is written. Subscribers must not block.
    /// </summary>
    public IObservable<TaskOutput> ToSend => _toSend;

    /// <summary>Held feedback finally rejected (orphan or buyer mismatch), to dead-letter unless a replay already did.</summary>
    public IObservable<ExpiredOutput> ExpiredFeedback => _expired;

    /// <summary>Feedback held for its lead's delivery right now, over every task.</summary>
    public int PendingFeedback
    {
        get
        {
            lock (_gate)
            {
                return _tasks.Values.Sum(t => t.Engine.PendingFeedbackCount);
            }
        }
    }

    /// <summary>The partitions whose tasks this worker holds.</summary>
    public IReadOnlyList<int> Partitions
    {
        get
        {
            lock (_gate)
            {
                return [.. _tasks.Keys];
            }
        }
    }

    /// <summary>A preparer for the thread that decodes what it reads, before another applies it.</summary>
    public EventPreparer CreatePreparer() => new(_time);

    /// <summary>How many partitions the input topics have: each task's tables are sized for its share of the traffic.</summary>
    public void SetPartitionCount(int partitions) => _partitionCount = Math.Max(1, partitions);

    /// <summary>A fresh task for a partition that has no checkpoint yet.</summary>
    public PartitionTask NewTask(int partition, long nextDelivery, long nextFeedback) =>
        new(partition, new QualityEngine(TaskOptions, _time, StreamOf(partition)), new NoticeLedger(_noticeOptions), nextDelivery, nextFeedback);

    /// <summary>The engine options of one task: the tables sized for one partition's share of the expected leads.</summary>
    public QualityEngineOptions TaskOptions => _engineOptions.ForShare(_partitionCount);

    public NoticeOptions NoticeOptions => _noticeOptions;

    public TimeProvider Time => _time;

    /// <summary>The source stage, to restore into (only while the task that hosts it, <see cref="HostsSources"/>, is not here).</summary>
    public SourceStage Sources => _sources;

    /// <summary>The task of partition 0 carries the source stage's state in its checkpoint, so the stage moves with it.</summary>
    public static bool HostsSources(int partition) => partition == 0;

    public static string StreamOf(int partition) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"p{partition}");

    /// <summary>Takes a task in (new or restored): it is judged under the thresholds in force, and its replay starts.</summary>
    public void Add(PartitionTask task, ReplayedOutputs? replay, IReadOnlyList<QualityStateChanged>? sourcesSent)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (_gate)
        {
            task.Replay = replay is { IsEmpty: false } ? replay : null;
            if (HostsSources(task.Partition))
            {
                _sourcesReplay = sourcesSent is { Count: > 0 } ? ReplayedOutputs.Of(sourcesSent) : null;
                // Tasks here before the stage came have handed it nothing it can build on: each tells it everything.
                foreach (var other in _tasks.Values)
                {
                    other.Engine.RecountSources();
                    _sources.Receive(other.Stream, [], other.Engine.ClosedThroughSec);
                }
            }

            _tasks[task.Partition] = task;
            if (_tasks.ContainsKey(0))
            {
                // Heard at once, with or without time: the stage waits for a task it knows of.
                _sources.Receive(task.Stream, [], task.Engine.ClosedThroughSec);
            }

            task.Engine.SetThresholds(_thresholds);
            Publish(task, null);
            EndReplayIfPassed(task);
            _streams.OnNext(StreamNames());
        }
    }

    /// <summary>Forgets a task whose partitions went to another worker: its cells leave the snapshot, the board and the metrics.</summary>
    public void Remove(int partition)
    {
        lock (_gate)
        {
            if (_tasks.Remove(partition))
            {
                if (HostsSources(partition))
                {
                    _sources.Clear();
                    _sourcesReplay = null;
                }
                else
                {
                    _sources.Forget(StreamOf(partition));
                }

                _streams.OnNext(StreamNames());
            }
        }
    }

    /// <summary>Whether the task (or, for the stage's host, the stage) is still replaying outputs it sent before its restore.</summary>
    public bool IsReplaying(int partition)
    {
        lock (_gate)
        {
            return _tasks.GetValueOrDefault(partition)?.Replay is not null || (HostsSources(partition) && _sourcesReplay is not null);
        }
    }

    /// <summary>
    /// After a restore: the source stage forgets the tasks its checkpoint named that are not here now (they moved to
    /// another worker), so it does not wait for them.
    /// </summary>
    public void Restored()
    {
        lock (_gate)
        {
            if (_tasks.ContainsKey(0))
            {
                _sources.Retain([.. _tasks.Values.Select(t => t.Stream)]);
            }
        }
    }

    private List<string> StreamNames() =>
        [.. _tasks.Values.Select(t => t.Stream), .. _tasks.ContainsKey(0) ? [_sources.Stream] : Array.Empty<string>()];

    /// <summary>
    /// Applies a prepared event to its partition's task. <paramref name="source"/> comes back with held feedback that
    /// expires. The result says whether the event was replayed past what users saw before (then nothing it made is sent).
    /// </summary>
    public ProcessResult Apply(int partition, bool delivery, long offset, in PreparedEvent prepared, FeedbackSource? source, DateTimeOffset? producedAt)
    {
        lock (_gate)
        {
            var task = _tasks.GetValueOrDefault(partition)
                ?? throw new InvalidOperationException($"partition {partition} has no task here; it was not assigned, or was revoked");
            var replayed = task.Replay is not null && source is not null
                && task.Replay.DeadLetters.Contains(ReplayedOutputs.DeadLetterKey(source.Topic, source.Offset));
            var result = prepared.IsRejected
                ? ProcessResult.Rejected(prepared.Reason!.Value, prepared.Detail!)
                : Apply(task, prepared, source, producedAt);
            var inReplay = task.Replay is not null;
            task.Applied(delivery, offset);
            EndReplayIfPassed(task);
            return result with { Replayed = replayed || (inReplay && !result.IsRejected), Stream = task.Stream, Position = task.Position };
        }
    }

    private ProcessResult Apply(PartitionTask task, in PreparedEvent prepared, FeedbackSource? source, DateTimeOffset? producedAt)
    {
        var engine = task.Engine;
        if (prepared.Feedback is { } feedback)
        {
            return Settle(task, engine.Apply(feedback, source), producedAt);
        }

        var released = engine.ReleasedFeedback;
        var result = Settle(task, engine.Apply(prepared.Lead), producedAt);
        return engine.ReleasedFeedback == released ? result : result with { ReleasedFeedback = (int)(engine.ReleasedFeedback - released) };
    }

    /// <summary>
    /// Moves a caught-up task's time on while its input is quiet, lagging the wall clock by
    /// <see cref="QualityEngineOptions.QuietLagSeconds"/>, so that events still on their way are not overtaken and a
    /// replay, which sees no quiet time, makes the same changes at the same seconds.
    /// </summary>
    public void AdvanceQuiet(int partition)
    {
        lock (_gate)
        {
            // A task that never had an event gets a time too: the source stage waits for every task's time.
            if (_tasks.GetValueOrDefault(partition) is { Replay: null } task)
            {
                task.Engine.AdvanceTime(_time.GetUtcNow().AddSeconds(-_quietLagSeconds));
                Publish(task, null);
            }
        }
    }

    public void SetThresholds(ThresholdSet thresholds)
    {
        lock (_gate)
        {
            _thresholds = thresholds;
            foreach (var task in _tasks.Values)
            {
                task.Engine.SetThresholds(thresholds);
                Publish(task, null);
            }

            _sources.SetThresholds(thresholds);
            PublishSources();
        }
    }

    /// <summary>
    /// Reads a task (and the source stage, if it hosts it) under the lock, between two events: for its checkpoint.
    /// Null when the partition has no task here.
    /// </summary>
    public T? Read<T>(int partition, Func<PartitionTask, SourceStage?, T> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return _tasks.GetValueOrDefault(partition) is { } task ? read(task, HostsSources(partition) ? _sources : null) : null;
        }
    }

    public QualitySnapshot Snapshot(SnapshotFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            var cells = new List<CellSnapshot>();
            var incidents = new List<IncidentSnapshot>();
            var streams = new Dictionary<string, long>(StringComparer.Ordinal);
            var asOf = DateTimeOffset.MinValue;
            var taskFilter = filter with { ExcludeSourceCells = true };
            foreach (var task in _tasks.Values)
            {
                var snapshot = task.Engine.Snapshot(taskFilter);
                cells.AddRange(snapshot.Cells);
                incidents.AddRange(snapshot.Incidents);
                streams[task.Stream] = task.Engine.Seq;
                asOf = task.Engine.HasTime && task.Engine.Now > asOf ? task.Engine.Now : asOf;
            }

            if (!filter.ExcludeSourceCells && _tasks.ContainsKey(0))
            {
                var (sourceCells, sourceIncidents) = _sources.Snapshot(filter);
                cells.AddRange(sourceCells);
                incidents.AddRange(sourceIncidents);
                streams[_sources.Stream] = _sources.Seq;
            }

            return new QualitySnapshot(asOf == DateTimeOffset.MinValue ? _time.GetUtcNow() : asOf, streams, cells, incidents);
        }
    }

    public IReadOnlyList<BuyerDays> DailyLeads()
    {
        var days = new List<BuyerDays>();
        foreach (var partition in Partitions)
        {
            lock (_gate)
            {
                if (_tasks.TryGetValue(partition, out var task))
                {
                    days.AddRange(task.Engine.DailyLeads());
                }
            }
        }

        return days;
    }

    public IReadOnlyList<CellSnapshot> Cells(SnapshotFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var cells = new List<CellSnapshot>();
        var taskFilter = filter with { ExcludeSourceCells = true };
        foreach (var partition in Partitions)
        {
            for (var first = 0; ; first += SliceCells)
            {
                lock (_gate)
                {
                    if (_tasks.GetValueOrDefault(partition) is not { } task || first >= task.Engine.CellCount)
                    {
                        break;
                    }

                    cells.AddRange(task.Engine.CellSlice(first, SliceCells, taskFilter));
                }
            }
        }

        lock (_gate)
        {
            if (!filter.ExcludeSourceCells && _tasks.ContainsKey(0))
            {
                cells.AddRange(_sources.Snapshot(filter).Cells);
            }
        }

        return cells;
    }

    public void Tick()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                // A tick already scheduled when the pipeline was disposed: its subjects are gone.
                return;
            }

            var rates = new List<RateUpdate>();
            foreach (var task in _tasks.Values)
            {
                rates.AddRange(task.Engine.CollectRateUpdates());
            }

            if (_tasks.ContainsKey(0))
            {
                if (_sources.Advance())
                {
                    PublishSources();
                }

                rates.AddRange(_sources.RateUpdates());
            }

            if (rates.Count > 0)
            {
                _rates.OnNext(rates.ToArray());
            }

            _metrics.TrackedLeads(_tasks.Values.Sum(t => t.Engine.TrackedLeads), _tasks.Values.Sum(t => t.Engine.PendingFeedbackCount));
        }
    }

    private ProcessResult Settle(PartitionTask task, ApplyResult result, DateTimeOffset? producedAt)
    {
        Publish(task, producedAt);
        return result.Outcome switch
        {
            ApplyOutcome.Applied => ProcessResult.Applied,
            ApplyOutcome.DuplicateEvent => ProcessResult.DuplicateEvent,
            ApplyOutcome.Pending => ProcessResult.Held,
            _ => ProcessResult.Rejected(result.Reason, result.Detail!),
        };
    }

    /// <summary>Everything the task made since the last call: its changes and the notices they cause, and expired feedback.</summary>
    private void Publish(PartitionTask task, DateTimeOffset? producedAt)
    {
        var engine = task.Engine;
        if (engine.DrainStateChanges(_changeBuffer) > 0)
        {
            var now = _time.GetUtcNow();
            foreach (var change in _changeBuffer)
            {
                task.Notices.On(change, _noticeBuffer);
                if (task.AlreadySent(change))
                {
                    if (task.Replay!.Matches(change))
                    {
                        task.Replay.Remade.Add(change.Seq);
                    }
                    else
                    {
                        task.Replay.Diverged = true;
                    }
                }
                else
                {
                    _metrics.StateChanged(change, producedAt is null ? null : now - producedAt.Value);
                    _toSend.OnNext(new TaskOutput(task.Stream, task.Position, change, null));
                    _changes.OnNext(change);
                }

                SendNotices(task);
            }

            _changeBuffer.Clear();
        }

        task.Notices.AdvanceTo(engine.Now, _noticeBuffer);
        SendNotices(task);
        if (engine.DrainExpiredFeedback(_expiredBuffer) > 0)
        {
            foreach (var expired in _expiredBuffer)
            {
                var sent = task.Replay is not null && expired.Source is { } source
                    && task.Replay.DeadLetters.Contains(ReplayedOutputs.DeadLetterKey(source.Topic, source.Offset));
                if (!sent)
                {
                    _expired.OnNext(new ExpiredOutput(expired, task.Stream, task.Position));
                }
            }

            _expiredBuffer.Clear();
        }

        engine.DrainSourceCounts(_sourceCountsBuffer);
        if (_tasks.ContainsKey(0))
        {
            _sources.Receive(task.Stream, _sourceCountsBuffer, engine.ClosedThroughSec);
        }

        _sourceCountsBuffer.Clear();
    }

    private void SendNotices(PartitionTask task)
    {
        foreach (var notice in _noticeBuffer)
        {
            if (!task.AlreadySent(notice))
            {
                _toSend.OnNext(new TaskOutput(task.Stream, task.Position, null, notice));
                _notices.OnNext(notice);
            }
        }

        _noticeBuffer.Clear();
    }

    private void PublishSources()
    {
        if (_sources.DrainStateChanges(_changeBuffer) == 0 || !_tasks.TryGetValue(0, out var host))
        {
            _changeBuffer.Clear();
            return;
        }

        foreach (var change in _changeBuffer)
        {
            if (_sourcesReplay is { } replay && change.Seq <= replay.LastSeq)
            {
                replay.Diverged |= !replay.Matches(change);
                continue;
            }

            _metrics.StateChanged(change, null);
            _toSend.OnNext(new TaskOutput(_sources.Stream, host.Position, change, null));
            _changes.OnNext(change);
        }

        _changeBuffer.Clear();
        EndSourcesReplayIfPassed();
    }

    /// <summary>
    /// The stage's replay is over once it has made every change it had sent, or judged past the last one's second.
    /// Had it diverged, what users saw wins, as for a task (<see cref="EndReplayIfPassed"/>).
    /// </summary>
    private void EndSourcesReplayIfPassed()
    {
        if (_sourcesReplay is not { } replay || (_sources.Seq < replay.LastSeq && _sources.JudgedThroughSec < replay.LastAt.ToUnixTimeSeconds()))
        {
            return;
        }

        if (replay.Diverged || _sources.Seq < replay.LastSeq)
        {
            foreach (var sent in replay.Changes)
            {
                _sources.Adopt(sent);
            }

            _metrics.ReplayDiverged();
        }

        _sourcesReplay = null;
    }

    /// <summary>
    /// Once a restored task's replay has read past everything it had sent, it is live again. Had the replay diverged
    /// from what was sent (its input merged in another order, thresholds changed meanwhile), what users saw wins: the
    /// cells take the states the sent changes gave them, and the stream goes on after the last one sent.
    /// </summary>
    private void EndReplayIfPassed(PartitionTask task)
    {
        if (task.Replay is not { } replay || !task.Position.Reached(replay.Until))
        {
            return;
        }

        if (replay.Diverged || task.Engine.Seq < replay.LastSeq)
        {
            foreach (var sent in replay.Changes)
            {
                task.Engine.Adopt(sent);
                if (!replay.Remade.Contains(sent.Seq))
                {
                    // The notices follow what users saw as well: the ledger learns of a breach it did not see made
                    // again, so its recovery is noticed, and a notice of it lost in flight goes out now.
                    task.Notices.On(sent, _noticeBuffer);
                }
            }

            // While the replay is still set: notices it read back are not sent twice.
            SendNotices(task);
            _metrics.ReplayDiverged();
        }

        task.Replay = null;
    }

    public void Dispose()
    {
        _connections.Dispose();
        lock (_gate)
        {
            // Under the lock: a tick running now finishes first, and one that starts later sees the flag.
            _disposed = true;
            _changes.Dispose();
            _rates.Dispose();
            _notices.Dispose();
            _toSend.Dispose();
            _expired.Dispose();
            _streams.Dispose();
        }

        _outputThread.Dispose();
    }
}
