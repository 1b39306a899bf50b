using Prometheus;
using QualityStream.Core.Accounts;
using QualityStream.Worker.Accounts;

namespace QualityStream.Worker.Telemetry;

/// <summary>
/// Each buyer's account shape (docs/contract.md §9), refreshed just before each scrape. A buyer's series come from the
/// worker holding its partition, so with several workers a sum over pods counts each buyer once; the revenue share is
/// of the revenue this worker holds.
/// </summary>
public sealed class AccountHealthExporter
{
    private static readonly string[] Kinds = [AccountHealth.SourceConcentration, AccountHealth.RevenueConcentration, AccountHealth.VolumeDecline];
    private readonly AccountHealthReader _reader;
    private readonly Gauge _topShare;
    private readonly Gauge _hhi;
    private readonly Gauge _revenueShare;
    private readonly Gauge _weekChange;
    private readonly Gauge _warning;
    private readonly Lock _refreshing = new();
    private HashSet<string> _buyers = new(StringComparer.Ordinal);

    public AccountHealthExporter(IMetricFactory factory, CollectorRegistry registry, AccountHealthReader reader)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(registry);
        _reader = reader;
        _topShare = factory.CreateGauge("qualitystream_buyer_top_source_share", "Share of a buyer's leads in the accounts window from its biggest source.", ["buyer"]);
        _hhi = factory.CreateGauge("qualitystream_buyer_source_hhi", "Herfindahl index of a buyer's sources' shares of its leads (1: one source).", ["buyer"]);
        _revenueShare = factory.CreateGauge("qualitystream_buyer_revenue_share", "A buyer's share of the revenue in the accounts window.", ["buyer"]);
        _weekChange = factory.CreateGauge("qualitystream_buyer_weekly_leads_change", "A buyer's deliveries in the last whole week against the week before, minus 1.", ["buyer"]);
        _warning = factory.CreateGauge("qualitystream_buyer_warning", "1 while a buyer's account shape warns: source_concentration, revenue_concentration, volume_decline.", ["buyer", "kind"]);
        registry.AddBeforeCollectCallback(Refresh);
    }

    public void Refresh()
    {
        lock (_refreshing)
        {
            var now = new HashSet<string>(StringComparer.Ordinal);
            foreach (var buyer in _reader.Current())
            {
                now.Add(buyer.BuyerId);
                Set(_topShare, buyer.BuyerId, buyer.TopSourceShare);
                Set(_hhi, buyer.BuyerId, buyer.SourceHhi);
                Set(_revenueShare, buyer.BuyerId, buyer.RevenueShare);
                Set(_weekChange, buyer.BuyerId, buyer.VolumeChange);
                foreach (var kind in Kinds)
                {
                    if (buyer.Warnings.Contains(kind))
                    {
                        _warning.WithLabels(buyer.BuyerId, kind).Set(1);
                    }
                    else
                    {
                        _warning.RemoveLabelled(buyer.BuyerId, kind);
                    }
                }
            }

            foreach (var gone in _buyers.Where(b => !now.Contains(b)))
            {
                _topShare.RemoveLabelled(gone);
                _hhi.RemoveLabelled(gone);
                _revenueShare.RemoveLabelled(gone);
                _weekChange.RemoveLabelled(gone);
                foreach (var kind in Kinds)
                {
                    _warning.RemoveLabelled(gone, kind);
                }
            }

            _buyers = now;
        }
    }

    private static void Set(Gauge gauge, string buyer, double? value)
    {
        if (value is { } v)
        {
            gauge.WithLabels(buyer).Set(v);
        }
        else
        {
            gauge.RemoveLabelled(buyer);
        }
    }
}
