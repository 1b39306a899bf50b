using System.Text.Json.Serialization;
using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// One incident as the ledger keeps it (docs/contract.md §7, incident ledger). <see cref="State"/> is <c>warning</c>,
/// <c>breach</c> or <c>closed</c>; <see cref="Worst"/> the worst state it reached; <see cref="DurationSeconds"/> runs to
/// <see cref="ClosedAt"/>, or to the moment of the answer while open.
/// </summary>
public sealed record IncidentRecord(
    string IncidentId,
    Metric Metric,
    string Window,
    CellScope Scope,
    string? BuyerId,
    string? SourceId,
    string State,
    string Worst,
    DateTimeOffset OpenedAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? ClosedAt,
    long DurationSeconds,
    double? PeakRate,
    double? LastRate,
    long Sample,
    ThresholdLevels Threshold,
    string ThresholdScope,
    string? CloseReason)
{
    public const string Closed = "closed";

    [JsonIgnore]
    public bool IsOpen => ClosedAt is null;

    /// <summary>The record as of <paramref name="now"/>: an open incident's duration runs on.</summary>
    public IncidentRecord At(DateTimeOffset now) =>
        this with { DurationSeconds = (long)Math.Max(0, ((ClosedAt ?? now) - OpenedAt).TotalSeconds) };

    /// <summary>Open at some moment of [since, until].</summary>
    public bool Overlaps(DateTimeOffset since, DateTimeOffset until) => OpenedAt <= until && (ClosedAt is null || ClosedAt >= since);
}
