namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    private readonly long[] _expiredThrough;
    private long _nowSec = long.MinValue;
    private long _retainedThrough;
    private long _nextDuplicateEvict;
    private long _newestLeadSec = long.MinValue;

    /// <summary>
    /// How far an event may be dated ahead of the wall clock (the decoder rejects later ones as future_timestamp), and
    /// how far feedback may be dated before its lead's delivery: clocks of different systems disagree by that much.
    /// </summary>
    public const long MaxClockSkewSec = 5 * 60;

    // The duplicate index's cutoff moves once per 1/8 of the lookback: a sweep it makes before growing then leaves at
    // most 1/8 of a lookback of stale entries, as the periodic full sweeps it replaced did (see ForgetBefore).
    private long DuplicateEvictEverySec => Math.Max(60, Options.DuplicateLookbackDays * 86400L / 8);

    /// <summary>Engine time: the latest event time seen or wall-clock tick, whichever is later (one-second resolution).</summary>
    public DateTimeOffset Now => _nowSec == long.MinValue ? _time.GetUtcNow() : DateTimeOffset.FromUnixTimeSeconds(_nowSec);

    /// <summary>
    /// Moves engine time to the wall clock: windows of quiet cells slide on, pending timers fire, held feedback expires.
    /// The worker calls this about once a second.
    /// </summary>
    public void Tick()
    {
        AdvanceTo(_time.GetUtcNow().ToUnixTimeSeconds());
        EvaluateQueued();
    }

    /// <summary>
    /// Moves engine time to an event's time, but never past the wall clock: an event dated ahead (within the skew the
    /// decoder allows) would otherwise slide every other buyer's windows, fire their timers and expire their held
    /// feedback early (contract §2). The clock is read only when the event is ahead of engine time.
    /// </summary>
    private void AdvanceToEvent(long eventSec)
    {
        if (eventSec > _nowSec)
        {
            AdvanceTo(Math.Min(eventSec, _time.GetUtcNow().ToUnixTimeSeconds()));
        }
    }

    private void AdvanceTo(long nowSec)
    {
        if (_nowSec == long.MinValue)
        {
            Start(nowSec);
            return;
        }

        if (nowSec <= _nowSec)
        {
            return;
        }

        // Leads may be dated ahead of engine time by up to the skew: the newest of them bounds the buckets to visit.
        var newest = Math.Max(_nowSec, _newestLeadSec);
        for (var w = 0; w < _windows.Length; w++)
        {
            var target = nowSec - _windows[w].Seconds;
            // Leads exist only in (retainedThrough, newest]: clamp so an idle jump costs at most one pass over the ring.
            for (var sec = Math.Max(_expiredThrough[w], _retainedThrough) + 1; sec <= Math.Min(target, newest); sec++)
            {
                for (var slot = _leads.BucketHead(sec); slot >= 0; slot = _leads[slot].NextInBucket)
                {
                    ref var lead = ref _leads[slot];
                    Count(lead, w, -1);
                    Touch(lead, MetricsOfLead(lead.Flags), w);
                }
            }

            _expiredThrough[w] = target;
        }

        var retainTarget = nowSec - _retentionSec;
        for (var sec = _retainedThrough + 1; sec <= Math.Min(retainTarget, newest); sec++)
        {
            _leads.RemoveBucket(sec);
        }

        _retainedThrough = retainTarget;
        _nowSec = nowSec;
        // The next second's leads leave the windows and the retention when time next moves, seconds of events from
        // now: their slots are long out of cache.
        for (var w = 0; w < _windows.Length; w++)
        {
            _leads.PrefetchBucketHead(_expiredThrough[w] + 1);
        }

        _leads.PrefetchBucketHead(_retainedThrough + 1);
        QueueTimers();
        _seenEvents.Advance(nowSec);
        if (nowSec >= _nextDuplicateEvict)
        {
            // Keep fingerprints a longest window beyond the lookback: a delivery up to that late still looks back a full lookback.
            _duplicates.ForgetBefore(nowSec - _longestWindowSec);
            _nextDuplicateEvict = nowSec + DuplicateEvictEverySec;
        }

        if (_pending.Count > 0)
        {
            foreach (var held in _pending.Expire(nowSec))
            {
                _expired.Add(new ExpiredFeedback(held.Feedback, held.Tag, Events.RejectionReason.Orphan,
                    OrphanDetail(held.Feedback) + $" (held {_orphanGraceSec}s for its delivery)"));
            }
        }
    }

    /// <summary>
    /// Pending timers are checked whenever time moves, whether by an event or a tick, so a transition happens at the
    /// first second its pending time is over — the same second however often the caller ticks.
    /// </summary>
    private void QueueTimers()
    {
        // A loop rather than RemoveAll: a predicate reading the engine's state array would allocate a delegate per call.
        var kept = 0;
        for (var i = 0; i < _timerCells.Count; i++)
        {
            var cell = _timerCells[i];
            cell.InTimers = StateMachine.HasTimer(StatesOf(cell.Index));
            if (cell.InTimers)
            {
                _timerCells[kept++] = cell;
                Enqueue(cell.Index);
            }
        }

        _timerCells.RemoveRange(kept, _timerCells.Count - kept);
    }

    private void Start(long nowSec)
    {
        _nowSec = nowSec;
        for (var w = 0; w < _windows.Length; w++)
        {
            _expiredThrough[w] = nowSec - _windows[w].Seconds;
        }

        _retainedThrough = nowSec - _retentionSec;
        _seenEvents.Advance(nowSec);
        _nextDuplicateEvict = nowSec + DuplicateEvictEverySec;
    }
}
