using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Extensions.Options;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Thresholds;

/// <summary>
/// Thresholds from Redis (docs/contract.md §4): loaded at start, reloaded when a metric name arrives on the change channel,
/// when the connection comes back, and every <see cref="RedisOptions.ReloadSeconds"/>. All reloads run on one loop,
/// so requests that pile up while Redis is slow collapse into one read.
/// </summary>
public sealed class RedisThresholdStore : IThresholdSource, IHostedService, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly TimeSpan _reloadEvery;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisThresholdStore> _log;
    private readonly ThresholdReloader _reloader;
    private readonly Action<RedisChannel, RedisValue> _onMessage;
    private readonly BehaviorSubject<ThresholdSet> _changes = new(ThresholdSet.Empty);
    private readonly ReloadQueue _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile ThresholdSet _current = ThresholdSet.Empty;
    private Task _running = Task.CompletedTask;
    private bool _subscribed;

    public RedisThresholdStore(
        IConnectionMultiplexer redis,
        RedisKeys keys,
        ThresholdWindows windows,
        IOptions<RedisOptions> options,
        TimeProvider time,
        ILogger<RedisThresholdStore> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _keys = keys;
        _reloadEvery = TimeSpan.FromSeconds(options.Value.ReloadSeconds);
        _time = time;
        _log = log;
        _reloader = new ThresholdReloader(redis, keys, windows, time, log);
        _onMessage = (_, message) => RequestReload(Metrics.TryParse(message.ToString(), out var metric) ? metric : null);
    }

    public ThresholdSet Current => _current;

    public IObservable<ThresholdSet> Changes => _changes.AsObservable();

    public ThresholdStoreStatus Status => _reloader.Status;

    /// <summary>Asks for a reload of one metric, or of all when <paramref name="metric"/> is null.</summary>
    public void RequestReload(Metric? metric = null) => _queue.Request(metric);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis.ConnectionRestored += OnConnectionRestored;
        await SubscribeAsync();
        await ApplyAsync(Metrics.All);
        _running = Task.WhenAll(
            Task.Run(() => ServeRequestsAsync(_stop.Token), CancellationToken.None),
            Task.Run(() => _queue.TickAsync(_reloadEvery, _time, _stop.Token), CancellationToken.None));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _redis.ConnectionRestored -= OnConnectionRestored;
        await _stop.CancelAsync();
        await _running.WaitAsync(cancellationToken);
        try
        {
            await _redis.GetSubscriber().UnsubscribeAsync(_keys.ThresholdsChanged, _onMessage, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Shutting down without Redis: there is no subscription on a server to end.
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _changes.Dispose();
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => RequestReload();

    private async Task ServeRequestsAsync(CancellationToken ct)
    {
        await foreach (var metrics in _queue.BatchesAsync(ct))
        {
            await SubscribeAsync();
            await ApplyAsync(metrics);
        }
    }

    private async Task ApplyAsync(IReadOnlyCollection<Metric> metrics)
    {
        try
        {
            var set = await _reloader.ReloadAsync(metrics);
            if (set is null || set.ContentEquals(_current))
            {
                return;
            }

            _current = set;
            _log.LogInformation("Thresholds in force: {Count} configured scopes across {Metrics} metrics", set.Count, Metrics.All.Count);
            _changes.OnNext(set);
        }
#pragma warning disable CA1031 // The loop must survive a bug in a subscriber or a parser: it is the only way thresholds change.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogError(e, "Applying thresholds failed; the previous set stays in force");
        }
    }

    // A subscription made while Redis is down may never reach the server, so it is retried before each reload until it works.
    private async Task SubscribeAsync()
    {
        if (_subscribed || !_redis.IsConnected)
        {
            return;
        }

        try
        {
            await _redis.GetSubscriber().SubscribeAsync(_keys.ThresholdsChanged, _onMessage);
            _subscribed = true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _log.LogWarning("Cannot subscribe to {Channel} yet ({Error}); periodic reloads continue", _keys.ThresholdsChanged, e.Message);
        }
    }
}
