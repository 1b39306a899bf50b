using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Thresholds;

/// <summary>
/// DEMO-ONLY stand-in for Redis (<see cref="RedisOptions.InProcess"/>): thresholds and API keys held in this process,
/// so nothing is shared with other workers or survives a restart. The demo seeds it when no redis-server can be had.
/// </summary>
public sealed class InProcessDemoStore(TimeProvider time, ILogger<InProcessDemoStore> log) : IThresholdSource, IHostedService, IDisposable
{
    public const string HealthDescription = "DEMO-ONLY in-process store (no Redis)";

    private readonly Lock _gate = new();
    private readonly Dictionary<Metric, Dictionary<string, Threshold>> _thresholds = [];
    private readonly ConcurrentDictionary<string, ApiKeyRecord> _keys = new(StringComparer.Ordinal);
    private readonly BehaviorSubject<ThresholdSet> _changes = new(ThresholdSet.Empty);
    private volatile ThresholdSet _current = ThresholdSet.Empty;
    private DateTimeOffset? _changedAt;

    public ThresholdSet Current => _current;

    public IObservable<ThresholdSet> Changes => _changes.AsObservable();

    /// <summary>Shaped like the Redis store's status so the threshold listing reads the same; there is never a read error.</summary>
    public ThresholdStoreStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new(_changedAt ?? time.GetUtcNow(), null, null, []);
            }
        }
    }

    /// <summary>Puts a threshold in force at once; the caller validates it (<see cref="ThresholdJson.TryParse"/>).</summary>
    public void SetThreshold(Metric metric, string scope, Threshold threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        if (!ThresholdScopes.TryParse(scope, out _, out _, out var error))
        {
            throw new ArgumentException($"Invalid scope '{scope}': {error}", nameof(scope));
        }

        lock (_gate)
        {
            if (!_thresholds.TryGetValue(metric, out var byScope))
            {
                _thresholds[metric] = byScope = new Dictionary<string, Threshold>(StringComparer.Ordinal);
            }

            byScope[scope] = threshold;
            Publish();
        }
    }

    /// <summary>False when no threshold was set for this metric and scope.</summary>
    public bool RemoveThreshold(Metric metric, string scope)
    {
        lock (_gate)
        {
            if (!_thresholds.TryGetValue(metric, out var byScope) || !byScope.Remove(scope))
            {
                return false;
            }

            Publish();
            return true;
        }
    }

    /// <summary>Accepts <paramref name="key"/> with this role from now on; only its hash is kept, as in Redis.</summary>
    public void AddKey(string key, ApiKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _keys[ApiKeys.Hash(key)] = record;
    }

    public ApiKeyRecord? FindKey(string key) => _keys.GetValueOrDefault(ApiKeys.Hash(key));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        log.LogWarning("Redis:InProcess is on: thresholds and API keys live in this process only (demo-only)");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _changes.Dispose();

    // Called under the lock, so subscribers see the sets in the order they were made.
    private void Publish()
    {
        _current = new ThresholdSet(_thresholds.ToDictionary(
            kv => kv.Key, kv => (IReadOnlyDictionary<string, Threshold>)new Dictionary<string, Threshold>(kv.Value, StringComparer.Ordinal)));
        _changedAt = time.GetUtcNow();
        _changes.OnNext(_current);
    }
}
