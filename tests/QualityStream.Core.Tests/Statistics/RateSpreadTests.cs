using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityStream.Core.Statistics;

namespace QualityStream.Core.Tests.Statistics;

/// <summary>
/// A rate's swing against a brute-force restatement: the sample variance as the mean squared difference over all
/// pairs of periods, Σ(xᵢ − xⱼ)² / (n(n − 1)), which needs no mean at all.
/// </summary>
public class RateSpreadTests
{
    [Property(MaxTest = 300)]
    public Property StdDev_EqualsThePairwiseDefinition(NonEmptyArray<(byte Rate, byte Sample)> raw)
    {
        var periods = raw.Get.Select(p => ((double?)(p.Rate / 255.0), (long)p.Sample)).ToList();
        var kept = periods.Where(p => p.Item2 >= 10).Select(p => p.Item1!.Value).ToArray();

        var spread = RateSpread.Of(periods, minSample: 10);

        if (kept.Length < RateSpread.MinPeriods)
        {
            return (spread is null).Label($"{kept.Length} periods kept, spread {spread}");
        }

        var pairs = 0.0;
        for (var i = 0; i < kept.Length; i++)
        {
            for (var j = 0; j < kept.Length; j++)
            {
                pairs += (kept[i] - kept[j]) * (kept[i] - kept[j]);
            }
        }

        // Over ordered pairs each unordered pair counts twice: Σᵢⱼ = 2 n(n − 1) s².
        var expected = Math.Sqrt(pairs / (2.0 * kept.Length * (kept.Length - 1)));
        return (spread is not null && Math.Abs(spread.StdDev - expected) < 1e-9 && spread.Periods == kept.Length
            && Math.Abs(spread.Mean - kept.Average()) < 1e-12).Label($"got {spread}, expected std {expected}");
    }

    [Fact]
    public void ASteadyRate_HasNoSpread_AndASwingingOne_HasTheSameMeanButAWideSpread()
    {
        var steady = RateSpread.Of(Enumerable.Repeat<(double?, long)>((0.70, 100), 24), minSample: 10)!;
        var swinging = RateSpread.Of(Enumerable.Range(0, 24).Select(h => ((double?)(h % 2 == 0 ? 0.85 : 0.55), 100L)), minSample: 10)!;

        Assert.Equal((24, 0.70, 0.0), (steady.Periods, Math.Round(steady.Mean, 12), Math.Round(steady.StdDev, 12)));
        Assert.Equal(0.70, swinging.Mean, 12);
        Assert.Equal(0.15 * Math.Sqrt(24.0 / 23), swinging.StdDev, 12);
        Assert.Equal(swinging.StdDev / 0.70, swinging.Cv!.Value, 12);
    }

    [Fact]
    public void PeriodsWithoutARateOrWithTooFewLeads_AreLeftOut()
    {
        (double?, long)[] periods = [(0.9, 50), (null, 0), (0.1, 3), (0.9, 50), (0.9, 50), (0.9, 50), (0.9, 50)];

        Assert.Null(RateSpread.Of(periods, minSample: 10));
        Assert.Equal(6, RateSpread.Of([.. periods, (0.9, 50)], minSample: 10)!.Periods);
    }
}
