namespace QualityStream.Worker.Tests.Durability.Traffic;

/// <summary>
/// The buyers of a run and the sources each buys from, decided by the seed alone, so a test can write the thresholds
/// that go with a plan before it decides when the plan starts.
/// </summary>
internal sealed class Audience
{
    private readonly Dictionary<string, IReadOnlyList<string>> _sources;

    private Audience(Dictionary<string, IReadOnlyList<string>> sources) => _sources = sources;

    public IEnumerable<string> Buyers => _sources.Keys.Order(StringComparer.Ordinal);

    public static Audience Of(int seed, TrafficShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var random = new Random(seed);
        var sources = Enumerable.Range(0, shape.Sources).Select(s => $"s{s:00}").ToArray();
        var audience = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var buyer in Enumerable.Range(0, shape.Buyers).Select(b => $"b{b:00}"))
        {
            audience[buyer] = [.. sources.OrderBy(_ => random.Next()).Take(shape.SourcesPerBuyer).Order(StringComparer.Ordinal)];
        }

        return new Audience(audience);
    }

    /// <summary>The sources a buyer's ordinary leads come from.</summary>
    public IReadOnlyList<string> SourcesOf(string buyerId) => _sources[buyerId];
}
