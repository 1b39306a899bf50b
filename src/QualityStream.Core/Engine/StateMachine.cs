using QualityStream.Core.Statistics;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

/// <summary>
/// The cell state rules of docs/contract.md §5 as one pure step: entering needs the rate beyond a level with confidence
/// (its Wilson interval entirely beyond it) for the whole pending time; leaving needs the rate itself back past
/// <c>clear</c> (hysteresis); below minSample the state is held. Staying in breach needs only the rate beyond
/// <c>breach</c>, not confidence, so a cell whose sample shrinks is not held in breach by the width of its interval, and
/// one whose interval widens does not drop to warning and back.
/// </summary>
internal static class StateMachine
{
    public static MetricStatus Step(ref MetricState state, Metric metric, long numerator, long denominator, long nowSec)
    {
        var resolved = state.Threshold!;
        var t = resolved.Threshold;
        if (denominator < t.MinSample)
        {
            // Too few leads to judge: hold the state and restart any pending timer, since "continuously" was broken.
            state.Insufficient = true;
            state.BeyondWarnSince = -1;
            state.BeyondBreachSince = -1;
            return state.Status;
        }

        state.Insufficient = false;
        var rate = (double)numerator / denominator;
        var low = metric.LowIsBad();

        // The bound nearest the good side: when even it is beyond a level, the rate is beyond it with confidence.
        var interval = WilsonInterval.Of(numerator, denominator, resolved.Z);
        var surely = low ? interval.High : interval.Low;
        var surelyBeyondWarn = low ? surely < t.Warn : surely > t.Warn;
        var surelyBeyondBreach = low ? surely < t.Breach : surely > t.Breach;
        var beyondBreach = low ? rate < t.Breach : rate > t.Breach;
        var pastClear = low ? rate >= t.Clear : rate <= t.Clear;

        state.BeyondWarnSince = !surelyBeyondWarn ? -1 : state.BeyondWarnSince < 0 ? nowSec : state.BeyondWarnSince;
        state.BeyondBreachSince = !surelyBeyondBreach ? -1 : state.BeyondBreachSince < 0 ? nowSec : state.BeyondBreachSince;
        var warnHeld = surelyBeyondWarn && nowSec - state.BeyondWarnSince >= t.PendingSeconds;
        var breachHeld = surelyBeyondBreach && nowSec - state.BeyondBreachSince >= t.PendingSeconds;

        return state.Status switch
        {
            MetricStatus.Ok => breachHeld ? MetricStatus.Breach : warnHeld ? MetricStatus.Warning : MetricStatus.Ok,
            MetricStatus.Warning => pastClear ? MetricStatus.Ok : breachHeld ? MetricStatus.Breach : MetricStatus.Warning,
            _ => pastClear ? MetricStatus.Ok : beyondBreach ? MetricStatus.Breach : MetricStatus.Warning,
        };
    }

    /// <summary>True while any of the cell's metrics has a running pending timer.</summary>
    public static bool HasTimer(ReadOnlySpan<MetricState> states)
    {
        foreach (var state in states)
        {
            if (HasTimer(state))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True while a pending timer runs that could change the state with time alone.</summary>
    public static bool HasTimer(in MetricState state) =>
        (state.Status == MetricStatus.Ok && state.BeyondWarnSince >= 0)
        || (state.Status != MetricStatus.Breach && state.BeyondBreachSince >= 0);
}
