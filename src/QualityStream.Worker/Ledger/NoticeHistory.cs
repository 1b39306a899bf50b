using System.Text.Json;
using Microsoft.Extensions.Options;
using QualityStream.Core.Notices;
using QualityStream.Core.Serialization;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// Each buyer's notices in Redis, as they were sent: a sorted set per buyer by time, at most
/// <see cref="LedgerOptions.NoticesPerBuyer"/> and none older than the retention. The member is the notice's JSON as
/// sent, so the same record delivered again adds nothing.
/// </summary>
public sealed class NoticeHistory(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time, IOptions<LedgerOptions> options)
{
    public async Task AddAsync(BuyerNotice notice, string json)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var db = redis.GetDatabase();
        var key = keys.Notices(notice.BuyerId);
        var cutoff = time.GetUtcNow().AddDays(-options.Value.RetentionDays).ToUnixTimeMilliseconds();
        var batch = db.CreateBatch();
        var writes = new Task[]
        {
            batch.SortedSetAddAsync(key, json, notice.At.ToUnixTimeMilliseconds()),
            batch.SortedSetRemoveRangeByRankAsync(key, 0, -(options.Value.NoticesPerBuyer + 1L)),
            batch.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, cutoff, Exclude.Stop),
            batch.SetAddAsync(keys.NoticeBuyers, notice.BuyerId),
        };
        batch.Execute();
        await Task.WhenAll(writes);
    }

    /// <summary>Notices at or after <paramref name="since"/>, of one buyer or (null) of every buyer, newest first.</summary>
    public async Task<IReadOnlyList<BuyerNotice>> QueryAsync(string? buyerId, DateTimeOffset since)
    {
        var db = redis.GetDatabase();
        var buyers = buyerId is not null ? [buyerId] : (await db.SetMembersAsync(keys.NoticeBuyers)).Select(b => (string)b!).ToArray();
        var found = new List<BuyerNotice>();
        foreach (var buyer in buyers)
        {
            var values = await db.SortedSetRangeByScoreAsync(keys.Notices(buyer), since.ToUnixTimeMilliseconds(), double.PositiveInfinity);
            found.AddRange(values.Select(v => JsonSerializer.Deserialize((string)v!, QualityJsonContext.Default.BuyerNotice)!));
        }

        return [.. found.OrderByDescending(n => n.At).ThenByDescending(n => n.NoticeId, StringComparer.Ordinal)];
    }
}
