using QualityStream.Core.Statistics;

namespace QualityStream.Core.Tests.Statistics;

/// <summary>
/// The Wilson interval against its definition, solved by brute force: the rates p whose normal score
/// |p̂ − p| / √(p(1 − p)/n) is at most z, found by bisection on each side of p̂.
/// </summary>
public class WilsonIntervalTests
{
    public static TheoryData<double, double> Quantiles => new()
    {
        { 0.80, 1.2815515655446004 },
        { 0.90, 1.6448536269514722 },
        { 0.95, 1.959963984540054 },
        { 0.99, 2.5758293035489004 },
    };

    [Theory]
    [MemberData(nameof(Quantiles))]
    public void Z_IsTheTwoSidedNormalQuantile(double confidence, double z) =>
        Assert.Equal(z, WilsonInterval.Z(confidence), 9);

    [Fact]
    public void Z_OfZeroConfidence_IsZero_SoTheIntervalIsTheRateItself()
    {
        Assert.Equal(0, WilsonInterval.Z(0));
        Assert.Equal(new WilsonInterval(0.85, 0.85), WilsonInterval.Of(17, 20, 0));
    }

    [Theory]
    [MemberData(nameof(Quantiles))]
    public void Of_MatchesTheBruteForceSolutionOfItsDefinition(double confidence, double z)
    {
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var n = random.Next(1, 5_000);
            var k = random.Next(0, 10) switch { 0 => 0, 1 => n, _ => random.Next(0, n + 1) };

            var interval = WilsonInterval.Of(k, n, WilsonInterval.Z(confidence));

            var (low, high) = BruteForce(k, n, z);
            Assert.True(Math.Abs(interval.Low - low) < 1e-9 && Math.Abs(interval.High - high) < 1e-9,
                $"{k}/{n} at {confidence}: got [{interval.Low}, {interval.High}], expected [{low}, {high}]");
        }
    }

    [Fact]
    public void Of_NarrowsAsTheSampleGrows()
    {
        var z = WilsonInterval.Z(0.95);
        var small = WilsonInterval.Of(17, 20, z);
        var large = WilsonInterval.Of(1_700, 2_000, z);
        Assert.True(small.Low < large.Low && large.High < small.High);
        Assert.InRange(0.85, large.Low, large.High);
    }

    [Fact]
    public void Of_NoTrials_IsEverything() => Assert.Equal(new WilsonInterval(0, 1), WilsonInterval.Of(0, 0, 1.96));

    private static (double Low, double High) BruteForce(long k, long n, double z)
    {
        var p = (double)k / n;
        bool Inside(double q) => (p - q) * (p - q) <= z * z * q * (1 - q) / n;
        return (Edge(0, p, Inside, insideAbove: true), Edge(p, 1, Inside, insideAbove: false));
    }

    // The boundary between rejected and accepted rates on [from, to], where one end is inside the interval.
    private static double Edge(double from, double to, Func<double, bool> inside, bool insideAbove)
    {
        if (inside(insideAbove ? from : to))
        {
            return insideAbove ? from : to;
        }

        var (lo, hi) = (from, to);
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            if (inside(mid) == insideAbove)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return (lo + hi) / 2;
    }
}
