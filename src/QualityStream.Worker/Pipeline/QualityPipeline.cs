using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Extensions.Options;
using QualityStream.Core.Engine;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Feed;
using QualityStream.Worker.Telemetry;

namespace QualityStream.Worker.Pipeline;

/// <summary>
/// Owns the engine: applies each prepared message under the lock (the engine is single-threaded) and publishes what
/// changed. Preparing (decode, inspect) needs no lock; the ingestion loop does it on a thread of its own
/// (<see cref="CreatePreparer"/>). The per-event path is a plain loop; Rx starts at the outputs.
/// </summary>
public sealed class QualityPipeline : IQualityFeed, IDisposable
{
    // Cells read under one hold of the lock by Cells(): a small part of a whole snapshot's hold (bench/README.md, micro).
    private const int SliceCells = 256;

    private readonly Lock _gate = new();
    private bool _disposed;
    private readonly QualityEngine _engine;
    private readonly TimeProvider _time;
    private readonly QualityMetrics _metrics;
    private readonly Subject<QualityStateChanged> _changes = new();
    private readonly Subject<IReadOnlyList<RateUpdate>> _rates = new();
    private readonly Subject<ExpiredFeedback> _expired = new();
    private readonly List<QualityStateChanged> _changeBuffer = [];
    private readonly List<ExpiredFeedback> _expiredBuffer = [];
    private readonly NoticeLedger _ledger;
    private readonly Subject<BuyerNotice> _notices = new();
    private readonly List<BuyerNotice> _noticeBuffer = [];
    private readonly EventLoopScheduler _outputThread = new(start => new Thread(start) { Name = "qs-outputs", IsBackground = true });
    private readonly IDisposable _ticks;

    public QualityPipeline(IOptions<QualityEngineOptions> options, IOptions<NoticeOptions> notices, TimeProvider time,
        IScheduler scheduler, QualityMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(notices);
        _time = time;
        _metrics = metrics;
        _ledger = new NoticeLedger(notices.Value);
        _engine = new QualityEngine(options.Value, time);
        // Start engine time at the wall clock, as if it had ticked. Otherwise a backlog read before the first tick set
        // it to the backlog's (old) event time, feedback held then got a deadline in the past, and that tick expired
        // it all as orphans though its deliveries were next in line.
        _engine.Tick();
        StateChanges = _changes.ObserveOn(_outputThread);
        RatesUpdated = _rates.ObserveOn(_outputThread);
        Notices = _notices.ObserveOn(_outputThread);
        // The wall clock moves quiet cells' windows on, fires pending timers and batches rate updates, once a second.
        _ticks = Observable.Interval(TimeSpan.FromSeconds(1), scheduler).Subscribe(_ => Tick());
    }

    public IObservable<QualityStateChanged> StateChanges { get; }

    public IObservable<IReadOnlyList<RateUpdate>> RatesUpdated { get; }

    public IObservable<BuyerNotice> Notices { get; }

    /// <summary>
    /// State changes delivered synchronously on the applying thread, before the call that caused them returns. Only for
    /// sinks that must be durable before the consumer stores the offset (the Kafka output); they must not block.
    /// </summary>
    public IObservable<QualityStateChanged> StateChangesInline => _changes;

    /// <summary>Held feedback finally rejected (orphan or buyer mismatch), with the tag passed when it was held.</summary>
    public IObservable<ExpiredFeedback> ExpiredFeedback => _expired;

    /// <summary>Feedback held for its lead's delivery right now (the <c>qualitystream_held_feedback</c> gauge shows it once a second).</summary>
    public int PendingFeedback
    {
        get
        {
            lock (_gate)
            {
                return _engine.PendingFeedbackCount;
            }
        }
    }

    /// <summary>A preparer for the thread that decodes what it reads, before another applies it (<see cref="Apply"/>).</summary>
    public EventPreparer CreatePreparer() => new(_time);

    /// <summary>Applies a prepared event to the engine; <paramref name="tag"/> comes back with held feedback that expires.</summary>
    public ProcessResult Apply(in PreparedEvent prepared, object? tag, DateTimeOffset? producedAt)
    {
        if (prepared.IsRejected)
        {
            return ProcessResult.Rejected(prepared.Reason!.Value, prepared.Detail!);
        }

        lock (_gate)
        {
            if (prepared.Feedback is { } feedback)
            {
                return Settle(_engine.Apply(feedback, tag), producedAt);
            }

            var released = _engine.ReleasedFeedback;
            var result = Settle(_engine.Apply(prepared.Lead), producedAt);
            return _engine.ReleasedFeedback == released ? result : result with { ReleasedFeedback = (int)(_engine.ReleasedFeedback - released) };
        }
    }

    public void SetThresholds(ThresholdSet thresholds)
    {
        lock (_gate)
        {
            _engine.SetThresholds(thresholds);
            Publish(null);
        }
    }

    public QualitySnapshot Snapshot(SnapshotFilter filter)
    {
        lock (_gate)
        {
            return _engine.Snapshot(filter);
        }
    }

    public IReadOnlyList<CellSnapshot> Cells(SnapshotFilter filter)
    {
        var cells = new List<CellSnapshot>();
        for (var first = 0; ; first += SliceCells)
        {
            lock (_gate)
            {
                if (first >= _engine.CellCount)
                {
                    return cells;
                }

                cells.AddRange(_engine.CellSlice(first, SliceCells, filter));
            }
        }
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

            _engine.Tick();
            Publish(null);
            // Held notices go out on engine time, as they would on a replay of the same changes.
            _ledger.AdvanceTo(_engine.Now, _noticeBuffer);
            PublishNotices();
            var rates = _engine.CollectRateUpdates();
            if (rates.Length > 0)
            {
                _rates.OnNext(rates);
            }

            _metrics.TrackedLeads(_engine.TrackedLeads, _engine.PendingFeedbackCount);
        }
    }

    private ProcessResult Settle(ApplyResult result, DateTimeOffset? producedAt)
    {
        Publish(producedAt);
        return result.Outcome switch
        {
            ApplyOutcome.Applied => ProcessResult.Applied,
            ApplyOutcome.DuplicateEvent => ProcessResult.DuplicateEvent,
            ApplyOutcome.Pending => ProcessResult.Held,
            _ => ProcessResult.Rejected(result.Reason, result.Detail!),
        };
    }

    private void Publish(DateTimeOffset? producedAt)
    {
        if (_engine.DrainStateChanges(_changeBuffer) > 0)
        {
            var now = _time.GetUtcNow();
            foreach (var change in _changeBuffer)
            {
                _metrics.StateChanged(change, producedAt is null ? null : now - producedAt.Value);
                _changes.OnNext(change);
                _ledger.On(change, _noticeBuffer);
            }

            _changeBuffer.Clear();
            PublishNotices();
        }

        if (_engine.DrainExpiredFeedback(_expiredBuffer) > 0)
        {
            foreach (var expired in _expiredBuffer)
            {
                _expired.OnNext(expired);
            }

            _expiredBuffer.Clear();
        }
    }

    private void PublishNotices()
    {
        foreach (var notice in _noticeBuffer)
        {
            _notices.OnNext(notice);
        }

        _noticeBuffer.Clear();
    }

    public void Dispose()
    {
        _ticks.Dispose();
        lock (_gate)
        {
            // Under the lock: a tick running now finishes first, and one that starts later sees the flag.
            _disposed = true;
            _changes.Dispose();
            _rates.Dispose();
            _expired.Dispose();
            _notices.Dispose();
        }

        _outputThread.Dispose();
    }
}
