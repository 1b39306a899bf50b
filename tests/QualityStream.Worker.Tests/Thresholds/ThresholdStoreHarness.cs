using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Redis;
using QualityStream.Worker.Thresholds;
using StackExchange.Redis;

namespace QualityStream.Worker.Tests.Thresholds;

/// <summary>A <see cref="RedisThresholdStore"/> on its own production-shaped connection, stopped and disposed after the test.</summary>
internal sealed class ThresholdStoreHarness : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly ILoggerFactory _loggers;

    private ThresholdStoreHarness(IConnectionMultiplexer connection, ILoggerFactory loggers, RedisThresholdStore store)
    {
        _connection = connection;
        _loggers = loggers;
        Store = store;
    }

    public RedisThresholdStore Store { get; }

    public CollectingLoggerProvider Logs { get; private init; } = new();

    public static async Task<ThresholdStoreHarness> StartAsync(string configuration, string prefix, TimeProvider? time = null)
    {
        var logs = new CollectingLoggerProvider();
        var loggers = logs.CreateFactory();
        var connection = RedisConnector.Connect(new RedisOptions { Configuration = configuration }, NullLogger.Instance);
        var store = new RedisThresholdStore(
            connection,
            new RedisKeys(prefix),
            new ThresholdWindows(ThresholdWindows.Defaults),
            Options.Create(new RedisOptions { Configuration = configuration, KeyPrefix = prefix }),
            time ?? TimeProvider.System,
            loggers.CreateLogger<RedisThresholdStore>());
        var harness = new ThresholdStoreHarness(connection, loggers, store) { Logs = logs };
        await store.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Asks for a full reload and waits until one has finished (the status is replaced by every reload).</summary>
    public async Task ReloadAsync()
    {
        var before = Store.Status;
        Store.RequestReload();
        await Eventually.UntilAsync(() => !ReferenceEquals(before, Store.Status), "a reload to finish");
    }

    public async ValueTask DisposeAsync()
    {
        await Store.StopAsync(CancellationToken.None);
        Store.Dispose();
        await _connection.DisposeAsync();
        _loggers.Dispose();
    }
}
