namespace QualityStream.Worker.Ledger;

/// <summary>A cell-window's rates and samples (denominators) by metric at one step of the rate history.</summary>
public sealed record HistoryPoint(DateTimeOffset At, IReadOnlyDictionary<string, double?> Rates, IReadOnlyDictionary<string, long> Samples);
