namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    /// <summary>
    /// How far an event may be dated ahead of the wall clock (the decoder rejects later ones as future_timestamp), and
    /// how far feedback may be dated before its lead's delivery: clocks of different systems disagree by that much.
    /// </summary>
    public const long MaxClockSkewSec = 5 * 60;

    private readonly long[] _expiredThrough;
    private long _nowSec = long.MinValue;
    private long _retainedThrough;
    private long _nextDuplicateEvict;

    // The duplicate index's cutoff moves once per 1/8 of the lookback: a sweep it makes before growing then leaves at
    // most 1/8 of a lookback of stale entries, as the periodic full sweeps it replaced did (see ForgetBefore).
    private long DuplicateEvictEverySec => Math.Max(60, Options.DuplicateLookbackDays * 86400L / 8);

    /// <summary>Engine time (one-second resolution): the latest event time applied, or where <see cref="AdvanceTime"/> moved it.</summary>
    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(_nowSec == long.MinValue ? _time.GetUtcNow().ToUnixTimeSeconds() : _nowSec);

    /// <summary>Whether any event or time has been applied yet.</summary>
    public bool HasTime => _nowSec != long.MinValue;

    /// <summary>
    /// Moves engine time on without an event (never back, never past the wall clock): windows of quiet cells slide on,
    /// pending timers fire, held feedback expires. The caller moves a task's time when its input is quiet, and the
    /// result is the same as if the next event had moved it there, second by second.
    /// </summary>
    public void AdvanceTime(DateTimeOffset to)
    {
        var target = Math.Min(to.ToUnixTimeSeconds(), _time.GetUtcNow().ToUnixTimeSeconds());
        if (_nowSec == long.MinValue || target > _nowSec)
        {
            AdvanceTo(target);
        }

        JudgeQueued();
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

    /// <summary>
    /// Steps engine time second by second to <paramref name="target"/>, judging what each second changes before the
    /// next: a cell crossing a level while its window slides, or a pending timer running out, changes state at the
    /// second it happens, whether time got there by one jump or by many events. Once no lead, timer or queued cell is
    /// left, nothing can happen until the target and time jumps there.
    /// </summary>
    private void AdvanceTo(long target)
    {
        if (_nowSec == long.MinValue)
        {
            Start(target);
            return;
        }

        // Whatever the events before this move queued belongs to the second they happened in.
        JudgeQueued();
        while (_nowSec < target)
        {
            if (_leads.Count == 0 && !_cells.HasTimers && _pending.Count == 0 && !_cells.HasQueued)
            {
                CloseSecond();
                Start(target);
                return;
            }

            StepTo(_nowSec + 1);
        }
    }

    private void StepTo(long sec)
    {
        CloseSecond();
        for (var w = 0; w < _windows.Length; w++)
        {
            var expire = sec - _windows[w].Seconds;
            for (var slot = _leads.BucketHead(expire); slot >= 0; slot = _leads[slot].NextInBucket)
            {
                ref var lead = ref _leads[slot];
                if (lead.DeliveredSec == expire)
                {
                    Count(lead, w, -1);
                    // Every metric, not only those the lead counts in: a window left without any lead ends each
                    // metric's incident (no traffic), contact's too.
                    Touch(lead, CellTable.AllMetrics, w);
                }
            }

            _expiredThrough[w] = expire;
        }

        _retainedThrough = sec - _retentionSec;
        _leads.RemoveBucket(_retainedThrough);
        _nowSec = sec;
        // The next second's leads leave the windows and the retention at the next step: start loading them.
        for (var w = 0; w < _windows.Length; w++)
        {
            _leads.PrefetchBucketHead(_expiredThrough[w] + 1);
        }

        _leads.PrefetchBucketHead(_retainedThrough + 1);
        _seenEvents.Advance(sec);
        if (sec >= _nextDuplicateEvict)
        {
            // Keep fingerprints a longest window beyond the lookback: a delivery up to that late still looks back a full lookback.
            _duplicates.ForgetBefore(sec - _longestWindowSec);
            _nextDuplicateEvict = sec + DuplicateEvictEverySec;
        }

        if (_pending.Count > 0)
        {
            foreach (var held in _pending.Expire(sec))
            {
                _expired.Add(new ExpiredFeedback(held.Feedback, held.Source, Events.RejectionReason.Orphan,
                    OrphanDetail(held.Feedback) + $" (held {_orphanGraceSec}s for its delivery)"));
            }
        }

        // Pending timers are checked every second, so a transition happens at the first second its pending time is over.
        _cells.QueueTimers();
        JudgeQueued(byCell: true);
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
        if (_nextDuplicateEvict == 0)
        {
            _nextDuplicateEvict = nowSec + DuplicateEvictEverySec;
        }
    }
}
