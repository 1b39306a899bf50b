using Microsoft.Extensions.Options;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Feed;
using StackExchange.Redis;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// Every <see cref="LedgerOptions.HistoryFlushSeconds"/>, writes the current rates of the cells this worker holds into
/// the rate history; the last write in a step is that step's point. It reads the worker's cells rather than replaying
/// <see cref="IQualityFeed.RatesUpdated"/>: a cell whose rate stood still still gets its point, and cells of tasks moved
/// to another worker stop being written here at once.
/// </summary>
public sealed class HistoryWriter(IQualityFeed feed, RateHistory history, TimeProvider time, IOptions<LedgerOptions> options, ILogger<HistoryWriter> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HistoryFlushSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var cells = feed.Cells(SnapshotFilter.All);
                if (cells.Count > 0)
                {
                    await history.WriteAsync(cells, time.GetUtcNow());
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                log.LogWarning("Rate history: writing points failed ({Error}); the next flush writes them again", e.Message);
            }
        }
    }
}
