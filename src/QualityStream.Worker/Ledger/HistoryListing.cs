namespace QualityStream.Worker.Ledger;

/// <summary><c>GET /api/history</c>: one cell-window's points, oldest first.</summary>
public sealed record HistoryListing(string Step, IReadOnlyList<HistoryPoint> Points);
