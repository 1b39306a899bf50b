using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Notices;

/// <summary>
/// Turns state changes into notices: one <c>breach</c> the first time an incident reaches breach, one
/// <c>recovered</c> when that incident returns to ok. Not thread-safe; the pipeline serialises calls.
/// </summary>
internal sealed class IncidentNotices
{
    private readonly Dictionary<string, OpenIncident> _open = new(StringComparer.Ordinal);

    public int OpenCount => _open.Count;

    public BuyerNotice? On(QualityStateChanged change, DateTimeOffset now)
    {
        // Source cells are internal (docs/contract.md §8); and a change without a buyer has nobody to tell.
        if (change.BuyerId is null || change.Scope == CellScope.Source)
        {
            return null;
        }

        var metric = change.Metric;
        if (change.To == MetricStatus.Ok)
        {
            return _open.Remove(change.IncidentId, out var closed) && closed.BreachNoticed
                ? Recovered(change, metric, change.At - closed.OpenedAt, now)
                : null;
        }

        if (!_open.TryGetValue(change.IncidentId, out var incident))
        {
            // Normally the change that left ok; after a restart mid-incident, the first change seen is the best we know.
            incident = new OpenIncident(change.At);
            _open.Add(change.IncidentId, incident);
        }

        if (change.To != MetricStatus.Breach || incident.BreachNoticed)
        {
            return null;
        }

        incident.BreachNoticed = true;
        return new BuyerNotice(
            NoticeId: $"ntc-{change.IncidentId}-breach",
            change.BuyerId,
            change.IncidentId,
            Kind: NoticeKind.Breach,
            change.Metric,
            change.SourceId,
            change.Rate,
            Threshold: change.Threshold.Breach,
            NoticeText.Breach(metric, change.SourceId, change.Rate, change.Threshold.Breach, change.Window),
            At: now);
    }

    private static BuyerNotice Recovered(QualityStateChanged change, Metric metric, TimeSpan duration, DateTimeOffset now) => new(
        NoticeId: $"ntc-{change.IncidentId}-recovered",
        change.BuyerId!,
        change.IncidentId,
        Kind: NoticeKind.Recovered,
        change.Metric,
        change.SourceId,
        change.Rate,
        // Recovery means the rate crossed back over clear, so that is the level the notice reports.
        Threshold: change.Threshold.Clear,
        NoticeText.Recovered(metric, change.SourceId, change.Rate, change.Window, duration),
        At: now);

    private sealed class OpenIncident(DateTimeOffset openedAt)
    {
        public DateTimeOffset OpenedAt { get; } = openedAt;

        public bool BreachNoticed { get; set; }
    }
}
