namespace QualityStream.Core.Snapshots;

/// <summary>
/// Every cell's rates and states and the open incidents (docs/contract.md §7), with the last <c>seq</c> of each stream
/// whose changes it includes: a client applies a change of stream s after it only if its seq is past
/// <c>Streams[s]</c>, and a seq further on than the next one means it missed one. <c>Buyers</c>, each buyer's account
/// shape, is in the whole snapshot a board or admin key reads, and nowhere else (a buyer's share of the operator's
/// revenue is not the buyer's to see).
/// </summary>
public sealed record QualitySnapshot(
    DateTimeOffset AsOf,
    IReadOnlyDictionary<string, long> Streams,
    IReadOnlyList<CellSnapshot> Cells,
    IReadOnlyList<IncidentSnapshot> Incidents,
    IReadOnlyList<BuyerHealth>? Buyers = null);
