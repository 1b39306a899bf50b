using System.Text.Json;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// The incident ledger in Redis (docs/contract.md §4, §7): a hash of records by incident id, indexed by the time they
/// opened, the time they closed, and the set of those still open, so a query reads only the incidents of its period
/// however long the ledger is. Safe with several projectors at once: a record is replaced only if it is still what was read.
/// </summary>
public sealed class IncidentLedger(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time)
{
    private const int ReadChunk = 500;

    /// <summary>Applies a state change to its incident; false when the change was applied before (nothing written).</summary>
    public async Task<bool> ApplyAsync(QualityStateChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var db = redis.GetDatabase();
        while (true)
        {
            var old = await db.HashGetAsync(keys.Incidents, change.IncidentId);
            var next = IncidentFold.Apply(old.IsNull ? null : Read(old), change);
            if (next is null)
            {
                return false;
            }

            var tran = db.CreateTransaction();
            tran.AddCondition(old.IsNull ? Condition.HashNotExists(keys.Incidents, change.IncidentId) : Condition.HashEqual(keys.Incidents, change.IncidentId, old));
            _ = tran.HashSetAsync(keys.Incidents, change.IncidentId, JsonSerializer.Serialize(next, LedgerJsonContext.Default.StoredIncident));
            _ = tran.SortedSetAddAsync(keys.IncidentsOpened, change.IncidentId, next.Incident.OpenedAt.ToUnixTimeMilliseconds());
            if (next.Incident.ClosedAt is { } closed)
            {
                _ = tran.SortedSetAddAsync(keys.IncidentsClosed, change.IncidentId, closed.ToUnixTimeMilliseconds());
                _ = tran.SetRemoveAsync(keys.IncidentsOpen, change.IncidentId);
            }
            else
            {
                _ = tran.SortedSetRemoveAsync(keys.IncidentsClosed, change.IncidentId);
                _ = tran.SetAddAsync(keys.IncidentsOpen, change.IncidentId);
            }

            if (await tran.ExecuteAsync())
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Follows an open incident's rate between its state changes: the peak moves to <paramref name="worst"/> if that is
    /// worse, and the last rate to <paramref name="last"/>. A closed record is left as its closing change made it.
    /// Returns false when the record is not in the ledger yet (its opening change not projected).
    /// </summary>
    public async Task<bool> FollowAsync(string incidentId, double worst, double last)
    {
        var db = redis.GetDatabase();
        while (true)
        {
            var old = await db.HashGetAsync(keys.Incidents, incidentId);
            if (old.IsNull)
            {
                return false;
            }

            var stored = Read(old);
            var was = stored.Incident;
            var next = was with { PeakRate = IncidentFold.Worse(was.Metric, was.PeakRate, worst), LastRate = last };
            if (!was.IsOpen || next == was)
            {
                return true;
            }

            var tran = db.CreateTransaction();
            tran.AddCondition(Condition.HashEqual(keys.Incidents, incidentId, old));
            _ = tran.HashSetAsync(keys.Incidents, incidentId, JsonSerializer.Serialize(stored with { Incident = next }, LedgerJsonContext.Default.StoredIncident));
            if (await tran.ExecuteAsync())
            {
                return true;
            }
        }
    }

    /// <summary>The incidents matching <paramref name="query"/>, newest opened first, durations as of now.</summary>
    public async Task<IReadOnlyList<IncidentRecord>> QueryAsync(IncidentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = time.GetUtcNow();
        var db = redis.GetDatabase();
        // Open at some moment of [since, until]: opened in it, or opened before it and closed after its start or not yet.
        var opened = db.SortedSetRangeByScoreAsync(keys.IncidentsOpened, query.Since.ToUnixTimeMilliseconds(), query.Until.ToUnixTimeMilliseconds());
        var closed = db.SortedSetRangeByScoreAsync(keys.IncidentsClosed, query.Since.ToUnixTimeMilliseconds(), double.PositiveInfinity);
        var open = db.SetMembersAsync(keys.IncidentsOpen);
        var ids = (await opened).Concat(await closed).Concat(await open).Distinct().ToArray();
        var found = new List<IncidentRecord>();
        foreach (var chunk in ids.Chunk(ReadChunk))
        {
            var values = await db.HashGetAsync(keys.Incidents, chunk);
            foreach (var value in values)
            {
                if (!value.IsNull && Read(value).Incident is { } record && query.Matches(record))
                {
                    found.Add(record.At(now));
                }
            }
        }

        return [.. found.OrderByDescending(r => r.OpenedAt).ThenBy(r => r.IncidentId, StringComparer.Ordinal)];
    }

    /// <summary>Removes incidents closed before <paramref name="cutoff"/>; open ones stay whatever their age. Returns how many.</summary>
    public async Task<int> TrimAsync(DateTimeOffset cutoff)
    {
        var db = redis.GetDatabase();
        var ids = await db.SortedSetRangeByScoreAsync(keys.IncidentsClosed, double.NegativeInfinity, cutoff.ToUnixTimeMilliseconds(), Exclude.Stop);
        var removed = 0;
        foreach (var chunk in ids.Chunk(ReadChunk))
        {
            var values = await db.HashGetAsync(keys.Incidents, chunk);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (values[i].IsNull || Read(values[i]).Incident.ClosedAt < cutoff)
                {
                    var tran = db.CreateTransaction();
                    if (!values[i].IsNull)
                    {
                        // Only the record as read: one changed since is judged again at the next trim.
                        tran.AddCondition(Condition.HashEqual(keys.Incidents, chunk[i], values[i]));
                    }

                    _ = tran.HashDeleteAsync(keys.Incidents, chunk[i]);
                    _ = tran.SortedSetRemoveAsync(keys.IncidentsOpened, chunk[i]);
                    _ = tran.SortedSetRemoveAsync(keys.IncidentsClosed, chunk[i]);
                    removed += await tran.ExecuteAsync() ? 1 : 0;
                }
            }
        }

        return removed;
    }

    private static StoredIncident Read(RedisValue value) =>
        JsonSerializer.Deserialize((string)value!, LedgerJsonContext.Default.StoredIncident)
        ?? throw new JsonException("an incident record is null");
}
