using System.Reactive.Linq;
using Microsoft.AspNetCore.SignalR;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// Pushes the engine's outputs to hub groups: everything to <see cref="HubGroups.Board"/>, and to each buyer's group
/// only what is about that buyer and not of source scope. Each stream is sent in order, one push at a time.
/// </summary>
public sealed partial class HubBroadcaster(
    IQualityFeed feed,
    IHubContext<QualityHub, IQualityClient> hub,
    RecentNotices recentNotices,
    BoardConnections boards,
    ILogger<HubBroadcaster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var changes = Pump(feed.StateChanges, PushAsync);
        using var rates = Pump(feed.RatesUpdated, PushAsync);
        using var notices = Pump(feed.Notices, PushAsync);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: leaving the using block unsubscribes.
        }
    }

    internal async Task PushAsync(QualityStateChanged change)
    {
        await hub.Clients.Group(HubGroups.Board).StateChanged(change);
        if (HubGroups.IsForBuyer(change.Scope, change.BuyerId))
        {
            await hub.Clients.Group(HubGroups.Buyer(change.BuyerId!)).StateChanged(change);
        }
    }

    internal async Task PushAsync(IReadOnlyList<RateUpdate> batch)
    {
        // Arrays, because the hub's JSON protocol serialises by runtime type and the source-generated context knows
        // RateUpdate[] (a collection expression typed as IReadOnlyList would make a compiler-generated list type).
        var all = batch as RateUpdate[] ?? [.. batch];

        // Written to each board connection, not sent to the board group: a group send first serialises the message
        // into one array for all its connections, which for the whole batch is ~14 MB a second on the large object
        // heap (82,000 updates); a connection's own write serialises straight into its pipe. The price is one
        // serialisation per board, and boards are a few screens.
        await Task.WhenAll(boards.Ids.Select(id => hub.Clients.Client(id).RatesUpdated(all)));
        foreach (var own in batch.Where(r => HubGroups.IsForBuyer(r.Scope, r.BuyerId)).GroupBy(r => r.BuyerId!, StringComparer.Ordinal))
        {
            await hub.Clients.Group(HubGroups.Buyer(own.Key)).RatesUpdated(own.ToArray());
        }
    }

    internal Task PushAsync(BuyerNotice notice)
    {
        recentNotices.Add(notice);
        return hub.Clients.Groups(HubGroups.Board, HubGroups.Buyer(notice.BuyerId)).Notice(notice);
    }

    private IDisposable Pump<T>(IObservable<T> source, Func<T, Task> push) =>
        source
            .Select(item => Observable.FromAsync(() => SafelyAsync(push, item)))
            .Concat()
            .Subscribe(_ => { }, error => LogFeedFailed(logger, typeof(T).Name, error));

    private async Task SafelyAsync<T>(Func<T, Task> push, T item)
    {
        try
        {
            await push(item);
        }
#pragma warning disable CA1031 // One failed send (a closing connection, a serialisation bug) must not end the stream for everyone.
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
