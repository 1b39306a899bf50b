using QualityStream.Core.Thresholds;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Thresholds;

/// <summary>
/// Reads the threshold hashes and merges them with what was in force. Not thread-safe: the store calls it from one
/// loop at a time. A failed read changes nothing but <see cref="Status"/>: the last known thresholds stay.
/// </summary>
internal sealed class ThresholdReloader(
    IConnectionMultiplexer redis, RedisKeys keys, ThresholdWindows windows, TimeProvider time, ILogger log)
{
    private readonly Dictionary<Metric, MetricThresholds> _byMetric = [];
    private volatile ThresholdStoreStatus _status = ThresholdStoreStatus.Initial;

    public ThresholdStoreStatus Status => _status;

    /// <summary>The new set of every metric's thresholds, or null when Redis could not be read.</summary>
    public async Task<ThresholdSet?> ReloadAsync(IReadOnlyCollection<Metric> metrics)
    {
        var db = redis.GetDatabase();
        var reads = metrics.Select(m => (Metric: m, Read: db.HashGetAllAsync(keys.Thresholds(m)))).ToArray();
        try
        {
            await Task.WhenAll(reads.Select(r => r.Read));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Fail(e);
            return null;
        }

        foreach (var (metric, read) in reads)
        {
            var key = keys.Thresholds(metric).ToString();
            var fields = read.Result.Select(h => (h.Name.ToString(), h.Value.ToString()));
            var before = _byMetric.GetValueOrDefault(metric, MetricThresholds.None);
            var loaded = ThresholdHashReader.Read(metric, key, fields, before.InForce, windows.All);
            WarnAboutNewRejections(before.Rejected, loaded.Rejected);
            _byMetric[metric] = loaded;
        }

        if (_status.LastReloadError is not null && _status.LastErrorAt is not null)
        {
            log.LogInformation("Thresholds reloaded from Redis again after: {Error}", _status.LastReloadError);
        }

        var rejected = Metrics.All.SelectMany(m => _byMetric.GetValueOrDefault(m, MetricThresholds.None).Rejected).ToArray();
        _status = new ThresholdStoreStatus(time.GetUtcNow(), null, _status.LastErrorAt, rejected);
        return new ThresholdSet(_byMetric.ToDictionary(kv => kv.Key, kv => kv.Value.InForce));
    }

    private void Fail(Exception e)
    {
        var before = _status;
        var message = $"Redis unreachable ({e.GetType().Name}: {e.Message})";
        if (before.LastReloadError != message)
        {
            var inForce = before.LastLoadedAt is { } at ? $"the thresholds loaded at {at:O}" : "the built-in defaults";
            log.LogWarning("Cannot read thresholds from Redis; keeping {InForce}: {Error}", inForce, message);
        }

        _status = before with { LastReloadError = message, LastErrorAt = time.GetUtcNow() };
    }

    // The periodic reload sees the same bad value every 30 s; it is worth one warning, not one per reload.
    private void WarnAboutNewRejections(IReadOnlyList<RejectedThreshold> before, IReadOnlyList<RejectedThreshold> now)
    {
        foreach (var r in now)
        {
            if (before.Any(b => b.Scope == r.Scope && b.Value == r.Value))
            {
                continue;
            }

            log.LogWarning(
                "Rejected threshold in Redis key {Key}, field {Scope}: {Errors}. {Outcome}",
                r.Key,
                r.Scope,
                string.Join("; ", r.Errors.Select(Describe)),
                r.PreviousKept
                    ? "The last valid threshold for this scope stays in force."
                    : "No valid threshold was loaded for this scope before; the next less specific scope applies.");
        }
    }

    private static string Describe(ThresholdError e) => e.Field switch
    {
        "scope" => e.Message,
        "json" => "the value " + e.Message,
        _ => $"JSON field '{e.Field}' {e.Message}",
    };
}
