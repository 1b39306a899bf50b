using Prometheus;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Feed;
using StackExchange.Redis;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// <c>qualitystream_buyer_trust{buyer}</c> and <c>qualitystream_buyer_incidents_90d{buyer}</c>, refreshed from the ledger
/// before each scrape, for the buyers whose partition this worker holds: with several workers each buyer is exported
/// by exactly one, so a sum over workers does not count a buyer twice.
/// </summary>
public sealed class TrustMetrics : IDisposable
{
    private readonly TrustReader _trust;
    private readonly IQualityFeed _feed;
    private readonly Gauge _level;
    private readonly Gauge _incidents;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private HashSet<string> _exported = new(StringComparer.Ordinal);

    public TrustMetrics(IMetricFactory factory, CollectorRegistry registry, TrustReader trust, IQualityFeed feed)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(registry);
        _trust = trust;
        _feed = feed;
        _level = factory.CreateGauge("qualitystream_buyer_trust",
            "Buyer trust (0..1) from its quality problems in the last 90 days: 0 → 1, 1 → 0.9, 2 → 0.75, 3 → 0.5, 4 → 0.25, 5 or more → 0.", ["buyer"]);
        _incidents = factory.CreateGauge("qualitystream_buyer_incidents_90d",
            "Quality problems of a buyer in the last 90 days: its buyer and buyer×source incidents that reached breach, overlapping ones of a metric counted once.", ["buyer"]);
        registry.AddBeforeCollectCallback(RefreshAsync);
    }

    public void Dispose() => _refreshing.Dispose();

    private async Task RefreshAsync(CancellationToken cancel)
    {
        await _refreshing.WaitAsync(cancel);
        try
        {
            var held = _feed.Cells(new SnapshotFilter(Scope: CellScope.Buyer.Code())).Select(c => c.BuyerId!).ToHashSet(StringComparer.Ordinal);
            var next = new HashSet<string>(StringComparer.Ordinal);
            foreach (var buyer in (await _trust.ReadAsync()).Where(b => held.Contains(b.BuyerId)))
            {
                _level.WithLabels(buyer.BuyerId).Set(buyer.Trust);
                _incidents.WithLabels(buyer.BuyerId).Set(buyer.Incidents90d);
                next.Add(buyer.BuyerId);
            }

            foreach (var gone in _exported.Where(b => !next.Contains(b)))
            {
                _level.RemoveLabelled(gone);
                _incidents.RemoveLabelled(gone);
            }

            _exported = next;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis away: the last values stay rather than fail the whole scrape.
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
