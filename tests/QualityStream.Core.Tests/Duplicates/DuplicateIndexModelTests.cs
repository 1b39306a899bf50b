using QualityStream.Core.Duplicates;

namespace QualityStream.Core.Tests.Duplicates;

/// <summary>
/// Random operations against a brute-force model of the rules. Few buyers and fingerprints force repeats,
/// and a small table forces long probe clusters, growth, shrinking and backward-shift removals.
/// </summary>
public class DuplicateIndexModelTests
{
    private const long Lookback = 1_000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void CheckAndRecord_RandomOperations_AgreeWithBruteForceModel(int seed)
    {
        var random = new Random(seed);
        var index = new DuplicateIndex(TimeSpan.FromSeconds(Lookback));
        var model = new Dictionary<(int Buyer, ulong Fingerprint), (ulong Lead, long At)>();
        long now = 10_000;

        for (var step = 0; step < 20_000; step++)
        {
            now += random.Next(0, 5);
            if (random.Next(200) == 0)
            {
                var watermark = now - random.Next(0, 500);
                index.Evict(watermark);
                foreach (var key in model.Where(e => e.Value.At < watermark - Lookback).Select(e => e.Key).ToList())
                {
                    model.Remove(key);
                }
            }
            else
            {
                var buyer = random.Next(3);
                var lead = (ulong)random.Next(1, 300);
                var phone = random.Next(4) == 0 ? 0UL : (ulong)random.Next(1, 400);
                var email = random.Next(4) == 0 ? 0UL : (ulong)random.Next(1_000, 1_400);
                var at = now - random.Next(0, 1_500);

                var expected = Seen(model, buyer, phone, lead, at) | Seen(model, buyer, email, lead, at);
                Record(model, buyer, phone, lead, at);
                Record(model, buyer, email, lead, at);

                Assert.Equal(expected, index.CheckAndRecord(buyer, lead, phone, email, at));
            }

            Assert.Equal(model.Count, index.Count);
        }
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
