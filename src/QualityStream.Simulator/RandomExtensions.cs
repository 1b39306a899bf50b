namespace QualityStream.Simulator;

/// <summary>Small sampling helpers; all randomness flows from one seeded <see cref="Random"/> so runs replay.</summary>
internal static class RandomExtensions
{
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static double Between(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A delay spread evenly on a log scale: as many in 5–50 s as in 50–500 s, like human reaction times.</summary>
    public static TimeSpan LogUniform(this Random random, TimeSpan min, TimeSpan max)
    {
        var lo = Math.Log(min.TotalMilliseconds);
        var hi = Math.Log(max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Round(Math.Exp(random.Between(lo, hi))));
    }

    /// <summary>Index drawn with probability proportional to its weight.</summary>
    public static int PickWeighted(this Random random, ReadOnlySpan<double> cumulativeWeights)
    {
        var x = random.NextDouble() * cumulativeWeights[^1];
        var i = cumulativeWeights.BinarySearch(x);
        return Math.Min(i < 0 ? ~i : i + 1, cumulativeWeights.Length - 1);
    }

    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }
}
