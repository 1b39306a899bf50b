using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Feed;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// Hands the engine's outputs to the hub connections: everything to <see cref="HubGroups.Board"/>, and to each buyer's
/// connections only what is about that buyer and not of source scope. It only queues (<see cref="HubConnections"/>) and
/// never waits for a client; each connection is sent each feed's items in the order the feed delivers them.
/// </summary>
public sealed partial class HubBroadcaster(
    IQualityFeed feed,
    HubConnections connections,
    RecentNotices recentNotices,
    ILogger<HubBroadcaster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var changes = Follow(feed.StateChanges, Push);
        using var rates = Follow(feed.RatesUpdated, Push);
        using var notices = Follow(feed.Notices, Push);
        using var streams = Follow(feed.StreamsChanged, _ => connections.ToEveryone(client => client.Resync()));
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: leaving the using block unsubscribes.
        }
    }

    internal void Push(QualityStateChanged change)
    {
        Func<IQualityClient, Task> send = client => client.StateChanged(change);
        connections.ToBoards(send);
        if (HubGroups.IsForBuyer(change.Scope, change.BuyerId))
        {
            connections.ToBuyer(change.BuyerId!, send);
        }
    }

    internal void Push(IReadOnlyList<RateUpdate> batch)
    {
        // Arrays, because the hub's JSON protocol serialises by runtime type and the source-generated context knows
        // RateUpdate[] (a collection expression typed as IReadOnlyList would make a compiler-generated list type).
        // Each connection is written to on its own, never as a group: a group send first serialises the message into
        // one array for all its connections, for the whole batch a large-object-heap array every second; a
        // connection's own write serialises straight into its pipe.
        var all = batch as RateUpdate[] ?? [.. batch];
        connections.ToBoards(client => client.RatesUpdated(all));
        foreach (var own in batch.Where(r => HubGroups.IsForBuyer(r.Scope, r.BuyerId)).GroupBy(r => r.BuyerId!, StringComparer.Ordinal))
        {
            var rows = own.ToArray();
            connections.ToBuyer(own.Key, client => client.RatesUpdated(rows));
        }
    }

    internal void Push(BuyerNotice notice)
    {
        recentNotices.Add(notice);
        Func<IQualityClient, Task> send = client => client.Notice(notice);
        connections.ToBoards(send);
        connections.ToBuyer(notice.BuyerId, send);
    }

    private IDisposable Follow<T>(IObservable<T> source, Action<T> push) =>
        source.Subscribe(item => Safely(push, item), error => LogFeedFailed(logger, typeof(T).Name, error));

    private void Safely<T>(Action<T> push, T item)
    {
        try
        {
            push(item);
        }
#pragma warning disable CA1031 // One push that fails to queue (a bug) must not end the stream for everyone.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPushFailed(logger, typeof(T).Name, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub push of {Kind} failed")]
    private static partial void LogPushFailed(ILogger logger, string kind, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Quality feed of {Kind} ended with an error; the hub no longer receives it")]
    private static partial void LogFeedFailed(ILogger logger, string kind, Exception error);
}
