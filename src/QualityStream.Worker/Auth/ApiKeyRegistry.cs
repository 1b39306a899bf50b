using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Auth;

/// <summary>
/// API keys as a feature, on <c>qs:apikeys</c>: create (the key is returned once; Redis keeps only its SHA-256 with the
/// role, buyer, name and creation time), list (ids, never keys) and revoke by id. The admin API and the <c>keys</c>
/// command both use it. Redis errors surface as <see cref="RedisException"/> or <see cref="TimeoutException"/>.
/// </summary>
public sealed class ApiKeyRegistry(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time)
{
    /// <summary>The Redis hash that holds the keys, for messages.</summary>
    public string HashKey => keys.ApiKeys.ToString();

    /// <summary>Stores a new random key with <paramref name="access"/> (validated by <see cref="ApiKeyRequest"/>).</summary>
    public async Task<CreatedApiKey> CreateAsync(ApiKeyRecord access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var key = ApiKeys.NewKey();
        var hash = ApiKeys.Hash(key);
        var now = time.GetUtcNow();
        var record = access with { CreatedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)) };

        // 192 random bits do not collide; the condition only makes sure no existing key is ever overwritten.
        if (!await redis.GetDatabase().HashSetAsync(keys.ApiKeys, hash, record.ToJson(), When.NotExists))
        {
            throw new InvalidOperationException($"a key with hash {ApiKeys.Id(hash)}… already exists in {HashKey}; nothing was changed");
        }

        return new CreatedApiKey(ApiKeys.Id(hash), key, record);
    }

    /// <summary>Every key, oldest first (keys without a creation time, made by hand, come first).</summary>
    public async Task<IReadOnlyList<ApiKeyListItem>> ListAsync()
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.ApiKeys);
        return [.. entries
            .Where(e => ApiKeys.IsHash(e.Name.ToString()))
            .Select(e => ApiKeyListItem.From(e.Name.ToString(), e.Value.ToString()))
            .OrderBy(k => k.CreatedAt)
            .ThenBy(k => k.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// True for what <see cref="RevokeAsync"/> takes: <see cref="ApiKeys.IdLength"/> to 64 hex characters (the id that
    /// lists show, or more of the hash).
    /// </summary>
    public static bool IsId(string? id) =>
        id is { Length: >= ApiKeys.IdLength and <= 64 } && id.All(char.IsAsciiHexDigit);

    /// <summary>Removes the key whose hash starts with <paramref name="id"/> (see <see cref="IsId"/>).</summary>
    public async Task<ApiKeyRevocation> RevokeAsync(string id)
    {
        if (!IsId(id))
        {
            throw new ArgumentException($"'{id}' is not a key id: {ApiKeys.IdLength}–64 hex characters", nameof(id));
        }

        var prefix = id.ToLowerInvariant();
        var db = redis.GetDatabase();
        var matches = (await db.HashKeysAsync(keys.ApiKeys))
            .Select(f => f.ToString())
            .Where(f => f.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
        if (matches.Count != 1)
        {
            return new ApiKeyRevocation(matches.Count == 0 ? ApiKeyRevocationOutcome.NotFound : ApiKeyRevocationOutcome.Ambiguous, null, null);
        }

        var hash = matches[0];
        var value = await db.HashGetAsync(keys.ApiKeys, hash);
        return await db.HashDeleteAsync(keys.ApiKeys, hash)
            ? new ApiKeyRevocation(ApiKeyRevocationOutcome.Revoked, hash, ApiKeyListItem.From(hash, value.ToString()))
            : new ApiKeyRevocation(ApiKeyRevocationOutcome.NotFound, null, null);
    }
}
