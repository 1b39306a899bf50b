namespace QualityStream.Simulator;

/// <summary>The contract's verticals with the short names used in buyer ids and typical lead prices (USD).</summary>
internal static class Verticals
{
    public static readonly IReadOnlyList<VerticalInfo> All =
    [
        new("auto_insurance", "auto", 15, 45),
        new("medicare", "medicare", 25, 60),
        new("life_insurance", "life", 20, 55),
        new("mortgage", "mortgage", 30, 90),
        new("solar", "solar", 40, 120),
        new("home_services", "home", 15, 60),
        new("legal", "legal", 50, 200),
    ];
}
