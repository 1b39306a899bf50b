using QualityStream.Core.Snapshots;

namespace QualityStream.Core.Tests.Notices;

/// <summary>One thing the notice ledger is told: a state change, or (with no change) that engine time moved on to <see cref="At"/>.</summary>
public sealed record NoticeStep(QualityStateChanged? Change, DateTimeOffset At)
{
    public override string ToString() => Change is { } c
        ? $"{c.At:HH:mm:ss} {c.IncidentId} {c.BuyerId ?? "-"}/{c.SourceId ?? "-"} {c.From}->{c.To} {c.Reason}"
        : $"{At:HH:mm:ss} advance";
}
