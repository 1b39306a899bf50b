using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// Which incidents a ledger query wants: those open at some moment of [since, until], narrowed by buyer, source and
/// state (<c>open</c>, <c>closed</c>, or the current <c>warning</c>/<c>breach</c>). Buyer keys exclude source scope.
/// </summary>
public sealed record IncidentQuery(
    DateTimeOffset Since,
    DateTimeOffset Until,
    string? BuyerId = null,
    string? SourceId = null,
    string? State = null,
    bool ExcludeSourceScope = false)
{
    public static bool IsState(string? state) => state is null or "open" or "closed" or "warning" or "breach";

    public bool Matches(IncidentRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Overlaps(Since, Until)
            && (BuyerId is null || BuyerId == r.BuyerId)
            && (SourceId is null || SourceId == r.SourceId)
            && !(ExcludeSourceScope && r.Scope == CellScope.Source)
            && State switch
            {
                "open" => r.IsOpen,
                "closed" => !r.IsOpen,
                null => true,
                _ => r.State == State,
            };
    }
}
