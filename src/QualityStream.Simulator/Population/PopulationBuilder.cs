namespace QualityStream.Simulator.Population;

/// <summary>
/// Builds buyers and sources with their own baselines. Volumes follow a Zipf-like curve (a few big accounts,
/// a long tail), and each buyer leans on one main source for 30–60% of its leads, as DOMAIN.md describes.
/// </summary>
internal static class PopulationBuilder
{
    private static readonly string[] BuyerNames =
    [
        "acme", "summit", "bluebird", "northstar", "harbor", "pioneer", "keystone", "lakeside", "evergreen", "redwood",
        "granite", "liberty", "beacon", "cascade", "meridian", "sterling", "atlas", "horizon", "falcon", "cypress",
    ];

    private static readonly string[] Channels =
    [
        "fb-camp", "google-ppc", "tiktok", "affiliate", "native-ads", "email-list", "bing-ppc", "call-center", "organic", "youtube",
    ];

    public static Market Build(SimulatorOptions options, Random random)
    {
        var sources = Enumerable.Range(0, options.Sources).Select(i => new SourceProfile(
            $"{Channels[i % Channels.Length]}-{(i / Channels.Length) + 1}",
            Math.Clamp(options.Validity + random.Between(-0.03, 0.03), 0, 1),
            Math.Clamp(options.DuplicateRate * random.Between(0.3, 1.7), 0, 1),
            random.Between(0.85, 1.15),
            random.Between(0.7, 1.3))).ToList();
        var volumes = Normalise(Enumerable.Range(0, options.Buyers).Select(i => 1 / Math.Pow(i + 1, 0.8)));
        var buyers = Enumerable.Range(0, options.Buyers).Select(i =>
        {
            var vertical = Verticals.All[i % Verticals.All.Count];
            var suffix = i < BuyerNames.Length ? "" : $"-{(i / BuyerNames.Length) + 1}";
            return new BuyerProfile(
                $"{BuyerNames[i % BuyerNames.Length]}-{vertical.ShortName}{suffix}",
                vertical.Name,
                random.Between(options.ContactRateMin, options.ContactRateMax),
                random.Between(options.ReturnRateMin, options.ReturnRateMax),
                volumes[i],
                PickSources(sources, random));
        }).ToList();
        return new Market(buyers, sources);
    }

    private static List<SourceShare> PickSources(List<SourceProfile> sources, Random random)
    {
        var count = Math.Min(sources.Count, random.Next(3, 9));
        var chosen = sources.OrderBy(_ => random.Next()).Take(count).ToList();
        var mainShare = count == 1 ? 1 : random.Between(0.30, 0.60);
        var rest = Normalise(Enumerable.Range(1, count - 1).Select(_ => random.Between(0.2, 1.0)));
        return chosen.Select((s, i) => new SourceShare(s.SourceId, i == 0 ? mainShare : rest[i - 1] * (1 - mainShare))).ToList();
    }

    private static double[] Normalise(IEnumerable<double> weights)
    {
        var array = weights.ToArray();
        var sum = array.Sum();
        return array.Select(w => w / sum).ToArray();
    }
}
