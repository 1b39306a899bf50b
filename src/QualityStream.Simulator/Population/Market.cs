namespace QualityStream.Simulator.Population;

/// <summary>The simulated market: buyers (busiest first), sources, and who buys from whom.</summary>
public sealed record Market(IReadOnlyList<BuyerProfile> Buyers, IReadOnlyList<SourceProfile> Sources)
{
    public BuyerProfile Buyer(string buyerId) => Buyers.First(b => b.BuyerId == buyerId);

    public SourceProfile Source(string sourceId) => Sources.First(s => s.SourceId == sourceId);
}
