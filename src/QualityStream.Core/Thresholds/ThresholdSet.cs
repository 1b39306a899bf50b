namespace QualityStream.Core.Thresholds;

/// <summary>
/// Every configured threshold, by metric then scope (the Redis hashes of docs/contract.md §4), immutable.
/// Entries are taken as given: callers validate them (Serialization.ThresholdJson) before building a set.
/// </summary>
public sealed class ThresholdSet
{
    private static long s_lastVersion;

    // One table per metric, indexed by (int)Metric; values are pre-built so a hit allocates nothing.
    private readonly Dictionary<string, ResolvedThreshold>[] _byMetric;
    private readonly Dictionary<string, ResolvedThreshold>.AlternateLookup<ReadOnlySpan<char>>[] _spanLookups;
    private readonly ResolvedThreshold[] _fallbacks;

    private const int KeyBuffer = 160;

    public ThresholdSet(IReadOnlyDictionary<Metric, IReadOnlyDictionary<string, Threshold>> byMetricThenScope)
    {
        ArgumentNullException.ThrowIfNull(byMetricThenScope);
        _byMetric = new Dictionary<string, ResolvedThreshold>[Metrics.All.Count];
        _spanLookups = new Dictionary<string, ResolvedThreshold>.AlternateLookup<ReadOnlySpan<char>>[Metrics.All.Count];
        _fallbacks = new ResolvedThreshold[Metrics.All.Count];
        foreach (var metric in Metrics.All)
        {
            var table = new Dictionary<string, ResolvedThreshold>(StringComparer.Ordinal);
            if (byMetricThenScope.TryGetValue(metric, out var byScope))
            {
                foreach (var (scope, threshold) in byScope)
                {
                    table[scope] = new ResolvedThreshold(threshold, scope);
                }
            }

            var i = (int)metric;
            _byMetric[i] = table;
            _spanLookups[i] = table.GetAlternateLookup<ReadOnlySpan<char>>();
            _fallbacks[i] = table.GetValueOrDefault(ThresholdScopes.Default)
                ?? new ResolvedThreshold(ThresholdDefaults.For(metric), ThresholdScopes.Default);
        }

        Version = Interlocked.Increment(ref s_lastVersion);
    }

    public static ThresholdSet Empty { get; } = new(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>());

    /// <summary>Distinct per instance and increasing in creation order, so a cache can tell a newer set from the one it saw.</summary>
    public long Version { get; }

    public int Count => _byMetric.Sum(t => t.Count);

    public IEnumerable<(Metric Metric, string Scope, Threshold Threshold)> Entries =>
        Metrics.All.SelectMany(m => _byMetric[(int)m]
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (m, kv.Key, kv.Value.Threshold)));

    /// <summary>
    /// The threshold a cell uses: the most specific configured scope (docs/contract.md §4), else the configured
    /// <c>default</c>, else the built-in default (reported with scope <c>default</c>).
    /// </summary>
    public ResolvedThreshold Resolve(Metric metric, CellScope scope, string? buyerId, string? sourceId)
    {
        var i = (int)metric;
        if ((uint)i >= (uint)_byMetric.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(metric));
        }

        var table = _byMetric[i];
        if (table.Count == 0)
        {
            return _fallbacks[i];
        }

        // Valid ids are at most 64 characters, so every key fits; longer (invalid) ids take the slow path.
        Span<char> buffer = stackalloc char[KeyBuffer];
        var lookup = _spanLookups[i];
        ResolvedThreshold? hit = scope switch
        {
            CellScope.Buyer => Find(lookup, buffer, ThresholdScopes.BuyerPrefix, Required(buyerId, nameof(buyerId))),
            CellScope.Source => Find(lookup, buffer, ThresholdScopes.SourcePrefix, Required(sourceId, nameof(sourceId))),
            _ => Find(lookup, buffer, ThresholdScopes.BuyerPrefix, Required(buyerId, nameof(buyerId)),
                    ThresholdScopes.PairSeparator, Required(sourceId, nameof(sourceId)))
                ?? Find(lookup, buffer, ThresholdScopes.BuyerPrefix, buyerId!)
                ?? Find(lookup, buffer, ThresholdScopes.SourcePrefix, sourceId!),
        };
        return hit ?? _fallbacks[i];
    }

    /// <summary>True when both sets hold the same scopes with equal thresholds; lets a reloader skip a no-op swap.</summary>
    public bool ContentEquals(ThresholdSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _byMetric.Length; i++)
        {
            var mine = _byMetric[i];
            var theirs = other._byMetric[i];
            if (mine.Count != theirs.Count)
            {
                return false;
            }

            foreach (var (scope, resolved) in mine)
            {
                if (!theirs.TryGetValue(scope, out var t) || t.Threshold != resolved.Threshold)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string Required(string? id, string name) =>
        id ?? throw new ArgumentNullException(name, "this cell scope needs the id");

    // Keys are assembled in a stack buffer and looked up as spans: resolving allocates nothing.
    private static ResolvedThreshold? Find(
        Dictionary<string, ResolvedThreshold>.AlternateLookup<ReadOnlySpan<char>> lookup,
        Span<char> buffer,
        string prefix,
        string id,
        string separator = "",
        string id2 = "")
    {
        var length = prefix.Length + id.Length + separator.Length + id2.Length;
        var key = length <= buffer.Length ? buffer[..length] : new char[length];
        prefix.CopyTo(key);
        var at = prefix.Length;
        id.CopyTo(key[at..]);
        at += id.Length;
        separator.CopyTo(key[at..]);
        at += separator.Length;
        id2.CopyTo(key[at..]);
        return lookup.TryGetValue(key, out var hit) ? hit : null;
    }
}
