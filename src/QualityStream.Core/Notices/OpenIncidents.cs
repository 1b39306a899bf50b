using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Notices;

/// <summary>
/// The incident half of the notice ledger: one <c>breach</c> notice the first time an incident reaches breach, one
/// <c>recovered</c> notice when that incident returns to ok, only if the breach was noticed.
/// </summary>
internal sealed class OpenIncidents
{
    private readonly Dictionary<string, OpenIncident> _open = new(StringComparer.Ordinal);

    /// <summary>The notice <paramref name="change"/> calls for, dated <paramref name="now"/>, before any rate limit; or null.</summary>
    public BuyerNotice? NoticeFor(QualityStateChanged change, DateTimeOffset now)
    {
        // Source cells are internal (docs/contract.md §8); and a change without a buyer has nobody to tell.
        if (change.BuyerId is null || change.Scope == CellScope.Source)
        {
            return null;
        }

        if (change.To == MetricStatus.Ok)
        {
            return _open.Remove(change.IncidentId, out var closed) && closed.BreachNoticed
                ? Recovered(change, now - closed.OpenedAt, now)
                : null;
        }

        if (!_open.TryGetValue(change.IncidentId, out var incident))
        {
            // Normally the change that left ok; after a restore mid-incident, the first change seen is the best we know.
            incident = new OpenIncident(now, breachNoticed: false);
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
            NoticeText.Breach(change.Metric, change.SourceId, change.Rate, change.Threshold.Breach, change.Window),
            At: now);
    }

    /// <summary>Sorted by id, so the same incidents always give the same bytes whatever order they opened in.</summary>
    public void WriteTo(BinaryWriter w)
    {
        w.Write(_open.Count);
        foreach (var (id, incident) in _open.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Write(id);
            NoticeFormat.WriteTime(w, incident.OpenedAt);
            w.Write(incident.BreachNoticed);
        }
    }

    public void ReadFrom(BinaryReader r)
    {
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var id = r.ReadString();
            _open.Add(id, new OpenIncident(NoticeFormat.ReadTime(r), r.ReadBoolean()));
        }
    }

    private static BuyerNotice Recovered(QualityStateChanged change, TimeSpan duration, DateTimeOffset now) => new(
        NoticeId: $"ntc-{change.IncidentId}-recovered",
        change.BuyerId!,
        change.IncidentId,
        Kind: NoticeKind.Recovered,
        change.Metric,
        change.SourceId,
        change.Rate,
        // Recovery means the rate crossed back over clear, so that is the level the notice reports.
        Threshold: change.Threshold.Clear,
        change.Reason == StateChangeReason.NoTraffic
            ? NoticeText.NoTraffic(change.Metric, change.SourceId, change.Window, duration)
            : NoticeText.Recovered(change.Metric, change.SourceId, change.Rate, change.Window, duration),
        At: now);
}
