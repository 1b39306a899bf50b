using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace QualityStream.Worker.Ledger;

/// <summary>Removes, every <see cref="LedgerOptions.TrimIntervalSeconds"/>, incidents closed longer ago than the retention.</summary>
public sealed class LedgerTrimmer(IncidentLedger ledger, RateHistory history, TimeProvider time, IOptions<LedgerOptions> options, ILogger<LedgerTrimmer> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TrimIntervalSeconds), time);
        do
        {
            try
            {
                var now = time.GetUtcNow();
                var removed = await ledger.TrimAsync(now.AddDays(-options.Value.RetentionDays));
                await history.TrimCellsAsync(now);
                if (removed > 0)
                {
                    log.LogInformation("Ledger: removed {Count} incidents closed more than {Days} days ago", removed, options.Value.RetentionDays);
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                log.LogWarning("Ledger: trimming failed ({Error}); trying at the next interval", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
