namespace QualityStream.Worker.Ledger;

/// <summary>
/// A buyer in the morning review: its leads and rates over <see cref="Window"/> (the longest window) now, the same a week
/// ago from the rate history (null when there is none), its trust now and at the start of the review.
/// </summary>
public sealed record BuyerReview(
    string BuyerId,
    string Window,
    long Volume,
    IReadOnlyDictionary<string, double?> Rates,
    LastWeek? LastWeek,
    double Trust,
    double TrustBefore);
