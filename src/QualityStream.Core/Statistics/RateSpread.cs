namespace QualityStream.Core.Statistics;

/// <summary>
/// How much a rate swings from one period to the next (DOMAIN.md: consistency beats the average): the mean, sample
/// standard deviation and coefficient of variation of its rates over the periods that had enough leads, each period
/// counting once whatever its volume, as a buyer experiences them.
/// </summary>
/// <param name="Periods">Periods with a rate on at least the minimum sample.</param>
/// <param name="Mean">Their mean rate.</param>
/// <param name="StdDev">The sample standard deviation of their rates.</param>
/// <param name="Cv">StdDev over Mean; null when the mean is 0.</param>
public sealed record RateSpread(int Periods, double Mean, double StdDev, double? Cv)
{
    /// <summary>Fewer periods than this say nothing about a swing.</summary>
    public const int MinPeriods = 6;

    /// <returns>The spread, or null with fewer than <see cref="MinPeriods"/> periods of at least <paramref name="minSample"/> leads.</returns>
    public static RateSpread? Of(IEnumerable<(double? Rate, long Sample)> periods, long minSample)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var rates = periods.Where(p => p.Rate is not null && p.Sample >= minSample).Select(p => p.Rate!.Value).ToList();
        if (rates.Count < MinPeriods)
        {
            return null;
        }

        var mean = rates.Average();
        var stdDev = Math.Sqrt(rates.Sum(r => (r - mean) * (r - mean)) / (rates.Count - 1));
        return new RateSpread(rates.Count, mean, stdDev, mean > 0 ? stdDev / mean : null);
    }
}
