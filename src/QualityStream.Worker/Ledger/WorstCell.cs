using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Ledger;

/// <summary>A cell × metric in warning or breach now, with its rate and the threshold it is judged against.</summary>
public sealed record WorstCell(
    CellScope Scope,
    string? BuyerId,
    string? SourceId,
    string Window,
    Metric Metric,
    string State,
    double? Rate,
    long Sample,
    ThresholdLevels? Threshold);
