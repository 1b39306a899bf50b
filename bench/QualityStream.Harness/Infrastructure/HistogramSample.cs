namespace QualityStream.Harness.Infrastructure;

/// <summary>A Prometheus histogram as scraped: cumulative counts by upper bound (seconds), ending with +Inf.</summary>
public sealed record HistogramSample(IReadOnlyList<(double UpperBound, double Count)> Buckets)
{
    public double Count => Buckets.Count == 0 ? 0 : Buckets[^1].Count;

    public HistogramSample Minus(HistogramSample earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new([.. Buckets.Select((b, i) => (b.UpperBound, b.Count - (i < earlier.Buckets.Count ? earlier.Buckets[i].Count : 0)))]);
    }

    /// <summary>The smallest bucket bound with at least <paramref name="quantile"/> of the observations below it.</summary>
    public double UpperBound(double quantile)
    {
        foreach (var (bound, count) in Buckets)
        {
            if (Count > 0 && count >= quantile * Count)
            {
                return bound;
            }
        }

        return double.NaN;
    }
}
