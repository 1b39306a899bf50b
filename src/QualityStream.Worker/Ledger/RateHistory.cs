using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// Each cell's rates at coarse resolution in Redis (docs/contract.md §7, rate history): per cell, window, step and UTC
/// day one string of <see cref="HistorySlot.Size"/>-byte slots, written in place with SETRANGE, so a point costs its
/// bytes and nothing more, and a day's string expires on its own.
/// </summary>
public sealed class RateHistory(IConnectionMultiplexer redis, RedisKeys keys)
{
    private static readonly HistoryStep[] Steps = [HistoryStep.Fine, HistoryStep.Hourly];

    /// <summary>Writes the point of each cell at <paramref name="at"/> into the slot of every step it falls in.</summary>
    public async Task WriteAsync(IReadOnlyList<CellSnapshot> cells, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var writes = new List<Task>(cells.Count * 5);
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            var cellKey = HistorySlot.CellKey(cell.Scope, cell.BuyerId, cell.SourceId);
            var slot = (RedisValue)HistorySlot.Encode(cell.Metrics);
            foreach (var step in Steps)
            {
                var key = keys.History(step.Name, cellKey, cell.Window, day);
                writes.Add(batch.StringSetRangeAsync(key, step.Slot(at) * HistorySlot.Size, slot));
                writes.Add(batch.KeyExpireAsync(key, step.Expiry(day)));
            }

            if (seen.Add(cellKey))
            {
                writes.Add(batch.SortedSetAddAsync(keys.HistoryCells, cellKey, at.ToUnixTimeMilliseconds()));
            }
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    /// <summary>A cell-window's points in [since, until], oldest first.</summary>
    public async Task<IReadOnlyList<HistoryPoint>> ReadAsync(string cellKey, string window, HistoryStep step, DateTimeOffset since, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(step);
        var db = redis.GetDatabase();
        var points = new List<HistoryPoint>();
        for (var day = DateOnly.FromDateTime(since.UtcDateTime); day <= DateOnly.FromDateTime(until.UtcDateTime); day = day.AddDays(1))
        {
            var bytes = (byte[]?)await db.StringGetAsync(keys.History(step.Name, cellKey, window, day));
            for (var slot = 0; bytes is not null && (slot + 1) * HistorySlot.Size <= bytes.Length; slot++)
            {
                var at = step.SlotStart(day, slot);
                if (at >= step.Floor(since) && at <= until && HistorySlot.Decode(bytes.AsSpan(slot * HistorySlot.Size, HistorySlot.Size)) is { } p)
                {
                    points.Add(new HistoryPoint(at, p.Rates, p.Samples));
                }
            }
        }

        return points;
    }

    /// <summary>The cells that had a point at or after <paramref name="since"/>, as <c>scope|buyer|source</c>.</summary>
    public async Task<IReadOnlyList<string>> CellsAsync(DateTimeOffset since)
    {
        var members = await redis.GetDatabase().SortedSetRangeByScoreAsync(keys.HistoryCells, since.ToUnixTimeMilliseconds(), double.PositiveInfinity);
        return [.. members.Select(m => (string)m!).Order(StringComparer.Ordinal)];
    }

    /// <summary>Aligned arrays of each cell's rates over the last <paramref name="hours"/> (for sparklines).</summary>
    public async Task<SparklineListing> SparklinesAsync(CellScope scope, string? buyerId, string window, int hours, HistoryStep step, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(step);
        var count = (int)(TimeSpan.FromHours(hours) / step.Length);
        var from = step.Floor(now) - (step.Length * (count - 1));
        var cells = new List<SparklineCell>();
        foreach (var cellKey in await CellsAsync(from))
        {
            var cell = HistorySlot.ParseCellKey(cellKey);
            if (cell.Scope != scope || (buyerId is not null && cell.BuyerId != buyerId))
            {
                continue;
            }

            var series = Core.Thresholds.Metrics.All.Select(_ => new double?[count]).ToArray();
            foreach (var point in await ReadAsync(cellKey, window, step, from, now))
            {
                var i = (int)((point.At - from) / step.Length);
                for (var m = 0; m < series.Length && i is >= 0 && i < count; m++)
                {
                    series[m][i] = point.Rates[Core.Thresholds.Metrics.All[m].Code()];
                }
            }

            cells.Add(new SparklineCell(cell.Scope, cell.BuyerId, cell.SourceId, series[0], series[1], series[2], series[3]));
        }

        return new SparklineListing(step.Name, window, from, cells);
    }

    /// <summary>Forgets cells with no point for longer than the hourly history is kept (their day strings expired).</summary>
    public Task TrimCellsAsync(DateTimeOffset now) =>
        redis.GetDatabase().SortedSetRemoveRangeByScoreAsync(keys.HistoryCells, double.NegativeInfinity,
            (now - HistoryStep.Hourly.KeptAfterDay - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds());
}
