using System.Security.Cryptography;
using System.Text;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Auth;

/// <summary>API keys as docs/contract.md §7 stores them: only the SHA-256 of a key is kept, so a Redis dump reveals no key.</summary>
public static class ApiKeys
{
    /// <summary>Lowercase hex SHA-256 of the key's UTF-8 bytes: the field name in <c>qs:apikeys</c>.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Hex characters of a key's hash that name it in lists, logs and <c>DELETE /api/keys/{id}</c>.</summary>
    public const int IdLength = 12;

    /// <summary>
    /// The id of the key whose hash is <paramref name="hash"/>: its first <see cref="IdLength"/> hex characters. Safe to
    /// show: a prefix of a SHA-256 helps no one find a key, and it is what the authentication handler logs as the caller.
    /// </summary>
    public static string Id(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash[..Math.Min(IdLength, hash.Length)];
    }

    /// <summary>True for a lowercase hex SHA-256: the only field names in <c>qs:apikeys</c> a key can ever match.</summary>
    public static bool IsHash(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Length == 64 && field.All(char.IsAsciiHexDigitLower);
    }

    /// <summary>A new random key (192 bits), e.g. <c>qs_3f9a…</c>.</summary>
    public static string NewKey() => "qs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Stores <paramref name="key"/> with its role under <c>{prefix}qs:apikeys</c>; throws if the role is not valid.</summary>
    public static async Task AddAsync(IDatabase db, string prefix, string key, string role, string? buyerId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!ApiKeyRecord.TryCreate(role, buyerId, out var record, out var error))
        {
            throw new ArgumentException($"Cannot add API key: {error}", nameof(role));
        }

        await db.HashSetAsync(new RedisKeys(prefix).ApiKeys, Hash(key), record!.ToJson());
    }
}
