using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

/// <summary>A buyer, a source or a buyer×source pair, with its alerting state per metric.</summary>
internal sealed class Cell(int index, CellScope scope, string? buyerId, string? sourceId)
{
    public int Index { get; } = index;

    public CellScope Scope { get; } = scope;

    public string? BuyerId { get; } = buyerId;

    public string? SourceId { get; } = sourceId;

    /// <summary>Set while the cell is on the list of cells with a running pending timer.</summary>
    public bool InTimers { get; set; }
}
