using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Thresholds;

public class ThresholdSetTests
{
    private static Threshold Level(double warn) => new("1h", warn, warn - 0.1, warn + 0.05, 30, 120);

    private static readonly Dictionary<string, Threshold> AllFour = new()
    {
        ["buyer:acme|source:fb"] = Level(0.71),
        ["buyer:acme"] = Level(0.72),
        ["source:fb"] = Level(0.73),
        ["default"] = Level(0.74),
    };

    private static ThresholdSet Contact(IEnumerable<KeyValuePair<string, Threshold>> scopes) =>
        new(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>> { [Metric.Contact] = new Dictionary<string, Threshold>(scopes) });

    private static ThresholdSet Without(params string[] removed) => Contact(AllFour.Where(kv => !removed.Contains(kv.Key)));

    [Theory]
    [InlineData(new string[0], "buyer:acme|source:fb")]
    [InlineData(new[] { "buyer:acme|source:fb" }, "buyer:acme")]
    [InlineData(new[] { "buyer:acme|source:fb", "buyer:acme" }, "source:fb")]
    [InlineData(new[] { "buyer:acme|source:fb", "buyer:acme", "source:fb" }, "default")]
    public void Resolve_BuyerSourceCell_TakesMostSpecificOfFour(string[] removed, string expected)
    {
        var resolved = Without(removed).Resolve(Metric.Contact, CellScope.BuyerSource, "acme", "fb");
        Assert.Equal(expected, resolved.Scope);
        Assert.Equal(AllFour[expected], resolved.Threshold);
    }

    [Fact]
    public void Resolve_BuyerCell_UsesBuyerThenDefaultOnly()
    {
        Assert.Equal("buyer:acme", Without().Resolve(Metric.Contact, CellScope.Buyer, "acme", null).Scope);
        // A buyer cell never takes a source or pair threshold, even when those exist.
        Assert.Equal("default", Without("buyer:acme").Resolve(Metric.Contact, CellScope.Buyer, "acme", null).Scope);
    }

    [Fact]
    public void Resolve_SourceCell_UsesSourceThenDefaultOnly()
    {
        Assert.Equal("source:fb", Without().Resolve(Metric.Contact, CellScope.Source, null, "fb").Scope);
        Assert.Equal("default", Without("source:fb").Resolve(Metric.Contact, CellScope.Source, null, "fb").Scope);
    }

    [Fact]
    public void Resolve_NoDefaultConfigured_FallsBackToBuiltInAsDefault()
    {
        var resolved = Without("default").Resolve(Metric.Contact, CellScope.BuyerSource, "other", "x");
        Assert.Equal(new ResolvedThreshold(ThresholdDefaults.For(Metric.Contact), "default"), resolved);
    }

    [Fact]
    public void Resolve_OtherMetric_IsUnaffectedByContactThresholds()
    {
        var resolved = Without().Resolve(Metric.Return, CellScope.BuyerSource, "acme", "fb");
        Assert.Equal(new ResolvedThreshold(ThresholdDefaults.For(Metric.Return), "default"), resolved);
    }

    [Fact]
    public void Resolve_Empty_GivesBuiltInDefaults()
    {
        foreach (var metric in Metrics.All)
        {
            Assert.Equal(ThresholdDefaults.For(metric), ThresholdSet.Empty.Resolve(metric, CellScope.Buyer, "b", null).Threshold);
        }
    }

    [Fact]
    public void Resolve_BuyerCellWithoutBuyerId_Throws() =>
        Assert.Throws<ArgumentNullException>(() => Without().Resolve(Metric.Contact, CellScope.Buyer, null, "fb"));

    [Fact]
    public void Resolve_OverlongIds_StillResolve()
    {
        var buyer = new string('b', 100);
        var set = Contact([new(ThresholdScopes.BuyerSource(buyer, "s"), Level(0.6))]);
        Assert.Equal(ThresholdScopes.BuyerSource(buyer, "s"), set.Resolve(Metric.Contact, CellScope.BuyerSource, buyer, "s").Scope);
    }

    [Fact]
    public void Entries_ListEveryConfiguredThreshold()
    {
        var entries = Without().Entries.ToList();
        Assert.Equal(4, entries.Count);
        Assert.Contains((Metric.Contact, "buyer:acme", Level(0.72)), entries);
        Assert.Equal(4, Without().Count);
    }

    [Fact]
    public void Version_NewerSet_IsGreater()
    {
        var first = Without();
        var second = Without();
        Assert.True(second.Version > first.Version);
    }

    [Fact]
    public void ContentEquals_ComparesScopesAndLevels()
    {
        Assert.True(Without().ContentEquals(Without()));
        Assert.False(Without().ContentEquals(Without("default")));
        Assert.False(Without().ContentEquals(Contact(AllFour.Select(kv => new KeyValuePair<string, Threshold>(kv.Key, kv.Value with { MinSample = 31 })))));
    }
}
