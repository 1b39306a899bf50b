using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Auth;

/// <summary>
/// Looks keys up in <c>qs:apikeys</c> with a short cache: a board with hundreds of clients reconnecting at once
/// costs one Redis read per distinct key, and concurrent first lookups of the same key share that read.
/// Failures (Redis down) are not cached; they surface as exceptions so the caller can answer 503.
/// </summary>
public sealed class ApiKeyStore
{
    // Misses are cached too, so random keys could fill the cache; past this size it starts over.
    private const int MaxEntries = 10_000;

    // The read starts only once its entry is in the cache (Lazy), so Forget after a revocation always finds a read that
    // may have seen the key, and none can put the revoked record back afterwards.
    private readonly ConcurrentDictionary<string, (Lazy<Task<ApiKeyRecord?>> Lookup, long At)> _cache = new(StringComparer.Ordinal);
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly TimeSpan _hitTtl;
    private readonly TimeSpan _missTtl;

    public ApiKeyStore(
        IConnectionMultiplexer redis, RedisKeys keys, IOptions<ApiKeyOptions> options, TimeProvider time, ILogger<ApiKeyStore> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _keys = keys;
        _time = time;
        _log = log;
        _hitTtl = TimeSpan.FromSeconds(options.Value.CacheSeconds);
        _missTtl = TimeSpan.FromSeconds(options.Value.MissCacheSeconds);
    }

    /// <summary>The record of <paramref name="key"/>, or null if it is unknown or its record is invalid (logged).</summary>
    public Task<ApiKeyRecord?> FindAsync(string key)
    {
        var hash = ApiKeys.Hash(key);
        if (_cache.TryGetValue(hash, out var cached) && Fresh(cached))
        {
            return cached.Lookup.Value;
        }

        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        return _cache.AddOrUpdate(
            hash,
            h => (new(() => LookupAsync(h)), _time.GetTimestamp()),
            (h, old) => Fresh(old) ? old : (new(() => LookupAsync(h)), _time.GetTimestamp())).Lookup.Value;
    }

    /// <summary>
    /// Drops what this process cached about the key with <paramref name="hash"/>, so a key revoked here stops working here
    /// at once; other workers stop accepting it within <see cref="ApiKeyOptions.CacheSeconds"/>. Call it after the key
    /// is removed from Redis.
    /// </summary>
    public void Forget(string hash) => _cache.TryRemove(hash, out _);

    private bool Fresh((Lazy<Task<ApiKeyRecord?>> Lookup, long At) entry)
    {
        if (!entry.Lookup.IsValueCreated || !entry.Lookup.Value.IsCompleted)
        {
            return true;
        }

        var lookup = entry.Lookup.Value;
        if (!lookup.IsCompletedSuccessfully)
        {
            return false;
        }

        var ttl = lookup.Result is null ? _missTtl : _hitTtl;
        return _time.GetElapsedTime(entry.At) < ttl;
    }

    private async Task<ApiKeyRecord?> LookupAsync(string hash)
    {
        var value = await _redis.GetDatabase().HashGetAsync(_keys.ApiKeys, hash);
        if (value.IsNull)
        {
            return null;
        }

        if (ApiKeyRecord.TryParse(value.ToString(), out var record, out var error))
        {
            return record;
        }

        _log.LogWarning("API key {Hash}… in {Key} is refused: its value {Error}", ApiKeys.Id(hash), _keys.ApiKeys, error);
        return null;
    }
}
