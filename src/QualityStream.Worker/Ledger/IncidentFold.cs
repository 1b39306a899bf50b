using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Ledger;

/// <summary>How a state change moves its incident's record (pure, so the rules are tested without Redis).</summary>
public static class IncidentFold
{
    /// <summary>The record after <paramref name="change"/>, or null when the change was applied before.</summary>
    public static StoredIncident? Apply(StoredIncident? current, QualityStateChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (current is not null && current.Applied.TryGetValue(change.Stream, out var last) && change.Seq <= last)
        {
            return null;
        }

        var applied = current is null ? new Dictionary<string, long>(StringComparer.Ordinal) : new Dictionary<string, long>(current.Applied, StringComparer.Ordinal);
        applied[change.Stream] = change.Seq;
        var closed = change.To == MetricStatus.Ok;
        var breach = change.To == MetricStatus.Breach;
        var state = closed ? IncidentRecord.Closed : change.To.Code();
        var record = current?.Incident is { } was
            ? was with
            {
                State = state,
                Worst = breach ? MetricStatus.Breach.Code() : was.Worst,
                EscalatedAt = was.EscalatedAt ?? (breach ? change.At : null),
                ClosedAt = closed ? change.At : null,
                PeakRate = Worse(change.Metric, was.PeakRate, change.Rate),
                LastRate = change.Rate,
                Sample = change.Sample,
                Threshold = change.Threshold,
                ThresholdScope = change.ThresholdScope,
                CloseReason = closed ? Code(change.Reason) : null,
            }
            : new IncidentRecord(change.IncidentId, change.Metric, change.Window, change.Scope, change.BuyerId, change.SourceId,
                state, breach ? MetricStatus.Breach.Code() : MetricStatus.Warning.Code(), change.At, breach ? change.At : null,
                closed ? change.At : null, 0, change.Rate, change.Rate, change.Sample, change.Threshold, change.ThresholdScope,
                closed ? Code(change.Reason) : null);
        return new StoredIncident(record, applied);
    }

    /// <summary>The worse of two rates: the lower for low-is-bad metrics (validity, contact), the higher otherwise.</summary>
    public static double? Worse(Metric metric, double? a, double? b)
    {
        if (a is not { } x)
        {
            return b;
        }

        if (b is not { } y)
        {
            return a;
        }

        return metric.LowIsBad() ? Math.Min(x, y) : Math.Max(x, y);
    }

    private static string Code(StateChangeReason reason) => reason switch
    {
        StateChangeReason.Threshold => "threshold",
        StateChangeReason.NoTraffic => "no_traffic",
        _ => "rate",
    };
}
