namespace QualityStream.Worker.Ledger;

/// <summary>A buyer cell's rates and volume one week before the review, from the hourly rate history.</summary>
public sealed record LastWeek(DateTimeOffset At, long Volume, IReadOnlyDictionary<string, double?> Rates);
