namespace QualityStream.Worker.Ledger;

/// <summary>
/// <c>GET /api/review</c>: the incidents open at some moment since <see cref="Since"/> (newest opened first), how many are
/// still open, the worst cells now and each buyer's trend and trust.
/// </summary>
public sealed record ReviewReport(
    DateTimeOffset Since,
    DateTimeOffset Until,
    string TimeZone,
    IReadOnlyList<IncidentRecord> Incidents,
    int StillOpen,
    IReadOnlyList<WorstCell> Worst,
    IReadOnlyList<BuyerReview> Buyers);
