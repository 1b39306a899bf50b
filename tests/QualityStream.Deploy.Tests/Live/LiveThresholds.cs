using StackExchange.Redis;

namespace QualityStream.Deploy.Tests.Live;

/// <summary>
/// Default thresholds written to Redis as docs/contract.md §4 spells them: the built-in levels, but a 5 s pending time so
/// the simulator's incidents reach breach within seconds. The healthy spread of source validity (~95% ± 3) and buyer
/// contact (40–70%) puts some cells in warning on its own.
/// </summary>
internal static class LiveThresholds
{
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["validity"] = """{"window":"1h","warn":0.92,"breach":0.85,"clear":0.94,"minSample":30,"pendingSeconds":5}""",
        ["duplicate"] = """{"window":"1h","warn":0.05,"breach":0.10,"clear":0.04,"minSample":30,"pendingSeconds":5}""",
        ["contact"] = """{"window":"1h","warn":0.50,"breach":0.40,"clear":0.55,"minSample":30,"pendingSeconds":5}""",
        ["return"] = """{"window":"1h","warn":0.08,"breach":0.12,"clear":0.06,"minSample":30,"pendingSeconds":5}""",
    };

    public static async Task SeedAsync(string redisConfiguration)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
        var db = redis.GetDatabase();
        foreach (var (metric, json) in Defaults)
        {
            await db.HashSetAsync($"qs:thresholds:{metric}", "default", json);
        }
    }
}
