using QualityStream.Core.Statistics;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// <c>GET /api/history</c>: one cell-window's points, oldest first, and per metric how much its rate swung over the
/// last 24 hourly points (null where fewer than <see cref="RateSpread.MinPeriods"/> hours had enough leads).
/// </summary>
public sealed record HistoryListing(string Step, IReadOnlyList<HistoryPoint> Points, IReadOnlyDictionary<string, RateSpread?>? Spread = null);
