namespace QualityStream.Worker.Ledger;

/// <summary><c>GET /api/trust</c>: buyers in id order.</summary>
public sealed record TrustListing(IReadOnlyList<BuyerTrust> Buyers);
