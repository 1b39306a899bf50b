namespace QualityStream.Core.Snapshots;

/// <summary>
/// Every cell's rates and states and the open incidents (docs/contract.md §7), with the last <c>seq</c> of each stream
/// whose changes it includes: a client applies a change of stream s after it only if its seq is past
/// <c>Streams[s]</c>, and a seq further on than the next one means it missed one.
/// </summary>
public sealed record QualitySnapshot(
    DateTimeOffset AsOf,
    IReadOnlyDictionary<string, long> Streams,
    IReadOnlyList<CellSnapshot> Cells,
    IReadOnlyList<IncidentSnapshot> Incidents);
