using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Feed;

namespace QualityStream.Worker.Ledger;

/// <summary>Each buyer's trust as of a moment, from the ledger; buyers this worker holds with no incident are listed at 100 %.</summary>
public sealed class TrustReader(IncidentLedger ledger, IQualityFeed feed, TimeProvider time)
{
    public async Task<IReadOnlyList<BuyerTrust>> ReadAsync(DateTimeOffset? asOf = null, string? buyerId = null)
    {
        var at = asOf ?? time.GetUtcNow();
        var incidents = await ledger.QueryAsync(new IncidentQuery(at.AddDays(-TrustTable.Days), at, buyerId, ExcludeSourceScope: true));
        var counts = TrustCount.ByBuyer(incidents, at);
        var buyers = new SortedSet<string>(counts.Keys, StringComparer.Ordinal);
        buyers.UnionWith(incidents.Select(i => i.BuyerId!));
        buyers.UnionWith(feed.Cells(new SnapshotFilter(BuyerId: buyerId, Scope: CellScope.Buyer.Code())).Select(c => c.BuyerId!));
        return [.. buyers.Select(b => BuyerTrust.Of(b, counts.GetValueOrDefault(b)))];
    }
}
