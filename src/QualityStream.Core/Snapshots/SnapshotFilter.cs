using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Snapshots;

/// <summary>Query filters of <c>/api/snapshot</c>; null matches everything. Buyer keys force <see cref="BuyerId"/> and exclude source cells.</summary>
public sealed record SnapshotFilter(string? BuyerId = null, string? SourceId = null, string? Scope = null, string? Window = null, bool ExcludeSourceCells = false)
{
    public static readonly SnapshotFilter All = new();

    public bool Matches(CellScope scope, string? buyerId, string? sourceId) =>
        (BuyerId is null || BuyerId == buyerId)
        && (SourceId is null || SourceId == sourceId)
        && (Scope is null || Scope == scope.Code())
        && !(ExcludeSourceCells && scope == CellScope.Source);
}
