namespace QualityStream.Worker.Ledger;

/// <summary>A buyer's trust: its problems in the last 90 days mapped through <see cref="TrustTable"/>.</summary>
public sealed record BuyerTrust(string BuyerId, int Incidents90d, double Trust, string Label)
{
    public static BuyerTrust Of(string buyerId, int incidents)
    {
        var (trust, label) = TrustTable.For(incidents);
        return new BuyerTrust(buyerId, incidents, trust, label);
    }
}
