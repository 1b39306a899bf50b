using QualityStream.Core.Duplicates;

namespace QualityStream.Core.Tests.Duplicates;

/// <summary>
/// <see cref="DuplicateIndex.ForgetBefore"/> sweeps lazily, so these check answers against a model that forgets at once,
/// and that the lazy sweep still keeps the table from growing.
/// </summary>
public class DuplicateIndexForgetTests
{
    private const long Lookback = 1_000;
    private const long T0 = 1_790_000_000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CheckAndRecord_AfterForgetBefore_AgreesWithAModelThatForgetsAtOnce(int seed)
    {
        var random = new Random(seed);
        var index = new DuplicateIndex(TimeSpan.FromSeconds(Lookback));
        var model = new Dictionary<(int Buyer, ulong Fingerprint), (ulong Lead, long At)>();
        long now = 10_000;
        var watermark = long.MinValue;

        for (var step = 0; step < 20_000; step++)
        {
            now += random.Next(0, 5);
            if (random.Next(50) == 0)
            {
                watermark = Math.Max(watermark, now - random.Next(0, 500));
                index.ForgetBefore(watermark);
                continue;
            }

            var buyer = random.Next(3);
            var lead = (ulong)random.Next(1, 300);
            var phone = random.Next(4) == 0 ? 0UL : (ulong)random.Next(1, 400);
            var email = random.Next(4) == 0 ? 0UL : (ulong)random.Next(1_000, 1_400);
            // Never older than the last watermark, as the engine guarantees by rejecting late deliveries.
            var at = Math.Max(now - random.Next(0, 1_500), watermark);

            var expected = Seen(model, buyer, phone, lead, at) | Seen(model, buyer, email, lead, at);
            Record(model, buyer, phone, lead, at);
            Record(model, buyer, email, lead, at);

            Assert.Equal(expected, index.CheckAndRecord(buyer, lead, phone, email, at));
            Assert.True(index.Count >= model.Count(e => e.Value.At >= watermark - Lookback));
        }
    }

    [Fact]
    public void ForgetBefore_TableFullOfForgottenEntries_SweepsInsteadOfGrowing()
    {
        var index = new DuplicateIndex(TimeSpan.FromSeconds(Lookback));
        index.Reserve(1_000);
        var reserved = index.Capacity;
        for (var i = 1UL; i <= 10_000; i++)
        {
            var at = T0 + (long)i;
            index.ForgetBefore(at);
            index.CheckAndRecord(1, i, i, 0, at);
        }

        Assert.Equal(reserved, index.Capacity);
        Assert.True(index.Count <= 2 * Lookback);
    }

    [Fact]
    public void ForgetBefore_AWholeLookbackLater_SweepsSoTheTableShrinks()
    {
        var index = new DuplicateIndex(TimeSpan.FromSeconds(Lookback));
        for (var i = 1UL; i <= 10_000; i++)
        {
            index.CheckAndRecord(1, i, i, 0, T0);
        }

        var grown = index.Capacity;
        index.ForgetBefore(T0);
        index.ForgetBefore(T0 + (2 * Lookback) + 1);

        Assert.Equal(0, index.Count);
        Assert.True(index.Capacity < grown);
    }

    private static bool Seen(Dictionary<(int, ulong), (ulong Lead, long At)> model, int buyer, ulong fp, ulong lead, long at) =>
        fp != 0 && model.TryGetValue((buyer, fp), out var e) && e.Lead != lead && e.At >= at - Lookback;

    private static void Record(Dictionary<(int, ulong), (ulong Lead, long At)> model, int buyer, ulong fp, ulong lead, long at)
    {
        if (fp != 0)
        {
            model[(buyer, fp)] = (lead, model.TryGetValue((buyer, fp), out var e) ? Math.Max(e.At, at) : at);
        }
    }
}
