using Microsoft.Extensions.Options;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Feed;
using StackExchange.Redis;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// Refines the peak and last rate of the open incidents this worker's cells hold from <see cref="IQualityFeed.RatesUpdated"/>:
/// a state change says the rate at which the state moved, not how far it went on. Best effort: a rate between two
/// writes (every <see cref="LedgerOptions.HistoryFlushSeconds"/>, at most 5 s) is folded into the next one, and after a
/// restart or a move the incidents are learnt again from the snapshot.
/// </summary>
public sealed class OpenIncidentRates(IQualityFeed feed, IncidentLedger ledger, TimeProvider time, IOptions<LedgerOptions> options, ILogger<OpenIncidentRates> log)
    : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(CellScope, string?, string?, Metric, string), string> _open = [];
    private Dictionary<string, (double Worst, double Last, Metric Metric)> _pending = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var streams = feed.StreamsChanged.Subscribe(_ => Learn());
        using var changes = feed.StateChanges.Subscribe(Changed);
        using var rates = feed.RatesUpdated.Subscribe(Rates);
        Learn();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Min(5, options.Value.HistoryFlushSeconds)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Dictionary<string, (double Worst, double Last, Metric Metric)> due;
            lock (_lock)
            {
                (due, _pending) = (_pending, new Dictionary<string, (double, double, Metric)>(StringComparer.Ordinal));
            }

            foreach (var (id, rate) in due)
            {
                try
                {
                    if (!await ledger.FollowAsync(id, rate.Worst, rate.Last))
                    {
                        Keep(id, rate.Worst, rate.Last, rate.Metric);
                    }
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    log.LogDebug("Ledger: following an open incident's rate failed ({Error})", e.Message);
                    Keep(id, rate.Worst, rate.Last, rate.Metric);
                }
            }
        }
    }

    private void Learn()
    {
        var incidents = feed.Snapshot(SnapshotFilter.All).Incidents;
        lock (_lock)
        {
            _open.Clear();
            foreach (var i in incidents)
            {
                _open[(i.Scope, i.BuyerId, i.SourceId, i.Metric, i.Window)] = i.IncidentId;
            }
        }
    }

    private void Changed(QualityStateChanged c)
    {
        lock (_lock)
        {
            var key = (c.Scope, c.BuyerId, c.SourceId, c.Metric, c.Window);
            if (c.To == MetricStatus.Ok)
            {
                _open.Remove(key);
                _pending.Remove(c.IncidentId);
            }
            else
            {
                _open[key] = c.IncidentId;
            }
        }
    }

    private void Rates(IReadOnlyList<RateUpdate> updates)
    {
        lock (_lock)
        {
            foreach (var u in updates)
            {
                if (u.Rate is { } rate && _open.TryGetValue((u.Scope, u.BuyerId, u.SourceId, u.Metric, u.Window), out var id))
                {
                    KeepLocked(id, rate, rate, u.Metric);
                }
            }
        }
    }

    /// <summary>Puts back a rate whose write failed or found no record yet, unless its incident closed meanwhile.</summary>
    private void Keep(string id, double worst, double last, Metric metric)
    {
        lock (_lock)
        {
            if (_open.ContainsValue(id))
            {
                KeepLocked(id, worst, last, metric, newer: false);
            }
        }
    }

    /// <summary>Folds a rate into what waits for the next write: the worse peak, and the newer last rate.</summary>
    private void KeepLocked(string id, double worst, double last, Metric metric, bool newer = true) =>
        _pending[id] = _pending.TryGetValue(id, out var was)
            ? (IncidentFold.Worse(metric, was.Worst, worst) ?? worst, newer ? last : was.Last, metric)
            : (worst, last, metric);
}
