using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Ledger;

/// <summary>One cell's rates per metric, one value a step from the listing's <c>from</c>, null where there is no point or no rate.</summary>
public sealed record SparklineCell(
    CellScope Scope,
    string? BuyerId,
    string? SourceId,
    IReadOnlyList<double?> Validity,
    IReadOnlyList<double?> Duplicate,
    IReadOnlyList<double?> Contact,
    IReadOnlyList<double?> Return);
