namespace QualityStream.Core.Snapshots;

/// <summary>Every cell's rates and states and the open incidents (docs/contract.md §7).</summary>
public sealed record QualitySnapshot(
    DateTimeOffset AsOf,
    long Seq,
    IReadOnlyList<CellSnapshot> Cells,
    IReadOnlyList<IncidentSnapshot> Incidents);
