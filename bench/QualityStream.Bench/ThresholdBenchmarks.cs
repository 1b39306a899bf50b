using BenchmarkDotNet.Attributes;
using QualityStream.Core.Thresholds;

namespace QualityStream.Bench;

/// <summary>Threshold resolution with 200 buyers × 50 sources configured (10,000 pair scopes plus buyer, source, default).</summary>
[MemoryDiagnoser]
public class ThresholdBenchmarks
{
    private readonly Dictionary<Metric, IReadOnlyDictionary<string, Threshold>> _raw = [];
    private ThresholdSet _set = ThresholdSet.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var scopes = new Dictionary<string, Threshold>(StringComparer.Ordinal)
        {
            [ThresholdScopes.Default] = new("1h", 0.5, 0.4, 0.55, 30, 120),
        };
        for (var b = 0; b < 200; b++)
        {
            scopes[ThresholdScopes.Buyer($"buyer-{b:D3}")] = new("1h", 0.5, 0.4, 0.55, 30, 120);
            for (var s = 0; s < 50; s++)
            {
                scopes[ThresholdScopes.BuyerSource($"buyer-{b:D3}", $"source-{s:D2}")] = new("1h", 0.5, 0.4, 0.55, 30, 120);
            }
        }

        for (var s = 0; s < 50; s++)
        {
            scopes[ThresholdScopes.Source($"source-{s:D2}")] = new("1h", 0.5, 0.4, 0.55, 30, 120);
        }

        _raw[Metric.Contact] = scopes;
        _set = new ThresholdSet(_raw);
    }

    [Benchmark(Baseline = true)]
    public ResolvedThreshold Resolve_PairConfigured() =>
        _set.Resolve(Metric.Contact, CellScope.BuyerSource, "buyer-137", "source-42");

    [Benchmark]
    public ResolvedThreshold Resolve_FallsThroughToBuyer() =>
        _set.Resolve(Metric.Contact, CellScope.BuyerSource, "buyer-137", "source-new");

    [Benchmark]
    public ResolvedThreshold Resolve_FallsThroughToDefault() =>
        _set.Resolve(Metric.Contact, CellScope.BuyerSource, "buyer-new", "source-new");

    [Benchmark]
    public ThresholdSet Build_10250Scopes() => new(_raw);
}
