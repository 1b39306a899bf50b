namespace QualityStream.Simulator.Population;

/// <summary>A buyer's baseline: its vertical, how well it reaches leads, how often it returns clean ones, its share of traffic.</summary>
public sealed record BuyerProfile(
    string BuyerId,
    string Vertical,
    double ContactRate,
    double ReturnRate,
    double VolumeShare,
    IReadOnlyList<SourceShare> Sources);
