namespace QualityStream.Core.Snapshots;

/// <summary>
/// One buyer's applied deliveries per UTC day of event time, oldest first, ending with <see cref="LastDay"/> (the day
/// in progress): what a volume trend is computed from.
/// </summary>
public sealed record BuyerDays(string BuyerId, DateOnly LastDay, IReadOnlyList<long> Leads);
