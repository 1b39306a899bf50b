using System.Security.Cryptography;
using StackExchange.Redis;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>
/// What a worker keeps in Redis under its prefix besides the thresholds and API keys a test wrote there (its
/// checkpoints, whatever their layout), as a fingerprint of each key's value, so a test can see them being rewritten.
/// </summary>
internal static class StoredKeys
{
    public static async Task<Dictionary<string, string>> FingerprintsAsync(IConnectionMultiplexer redis, string prefix)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var server = redis.GetServer(redis.GetEndPoints().Single());
        var db = redis.GetDatabase();
        var prints = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
        {
            var name = key.ToString();
            if (name.StartsWith(prefix + "qs:thresholds:", StringComparison.Ordinal) || name == prefix + "qs:apikeys")
            {
                continue;
            }

            if (await db.KeyDumpAsync(key) is { } dump)
            {
                prints[name] = Convert.ToHexString(SHA256.HashData(dump));
            }
        }

        return prints;
    }

    /// <summary>Keys of <paramref name="now"/> that are new or hold another value than in <paramref name="before"/>.</summary>
    public static List<string> Rewritten(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> now) =>
        [.. now.Where(k => !before.TryGetValue(k.Key, out var old) || old != k.Value).Select(k => k.Key).Order(StringComparer.Ordinal)];
}
