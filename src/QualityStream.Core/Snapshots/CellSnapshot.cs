using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Snapshots;

/// <summary>
/// One cell on one window: its four rates, its returns broken down, and its invalid leads by the check they failed
/// (<c>InvalidReasons</c>, docs/contract.md §3: a lead failing two checks counts under both), and what its leads sold
/// for (<c>Revenue</c>, USD, leads delivered without a price count 0).
/// </summary>
public sealed record CellSnapshot(
    CellScope Scope,
    string? BuyerId,
    string? SourceId,
    string Window,
    IReadOnlyDictionary<string, MetricSnapshot> Metrics,
    ReturnBreakdown Returns,
    IReadOnlyDictionary<string, long>? InvalidReasons = null,
    decimal Revenue = 0);
