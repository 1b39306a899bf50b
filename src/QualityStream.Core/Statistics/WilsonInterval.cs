using MathNet.Numerics.Distributions;

namespace QualityStream.Core.Statistics;

/// <summary>
/// The Wilson score interval of a rate (docs/contract.md §4 <c>confidence</c>). Chosen over the normal approximation because it
/// stays inside [0, 1] and keeps its coverage for small samples and rates near 0 or 1, which is where lead cells live.
/// </summary>
public readonly record struct WilsonInterval(double Low, double High)
{
    /// <summary>The two-sided normal quantile for <paramref name="confidence"/>; 0 (no interval) when confidence is 0.</summary>
    public static double Z(double confidence) =>
        confidence <= 0 ? 0 : Normal.InvCDF(0, 1, (1 + confidence) / 2);

    /// <summary>The interval of <paramref name="successes"/> out of <paramref name="trials"/> at quantile <paramref name="z"/>.</summary>
    public static WilsonInterval Of(long successes, long trials, double z)
    {
        if (trials <= 0)
        {
            return new(0, 1);
        }

        var n = (double)trials;
        var p = successes / n;
        if (z == 0)
        {
            return new(p, p);
        }

        var z2 = z * z;
        var scale = 1 + (z2 / n);
        var center = (p + (z2 / (2 * n))) / scale;
        var half = z / scale * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return new(Math.Max(0, center - half), Math.Min(1, center + half));
    }
}
