namespace QualityStream.Worker.Ledger;

/// <summary><c>GET /api/history/sparklines</c>: every cell of a scope on one window, aligned arrays starting at <see cref="From"/>.</summary>
public sealed record SparklineListing(string Step, string Window, DateTimeOffset From, IReadOnlyList<SparklineCell> Cells);
