using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Telemetry;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// The open hub connections, each with its audience and its own <see cref="ConnectionOutbox"/>. Pushes are queued per
/// connection instead of sent to SignalR groups: a group send waits for its slowest member, so one client that stopped
/// reading would hold up every board and buyer. A connection that falls behind is aborted and counted once; it may
/// reconnect, and is dropped again if it stalls again, without anyone else noticing.
/// </summary>
public sealed partial class HubConnections(
    IHubContext<QualityHub, IQualityClient> hub,
    IOptions<HubOutboxOptions> options,
    TimeProvider time,
    QualityMetrics metrics,
    ILogger<HubConnections> logger)
{
    private readonly ConcurrentDictionary<string, (ConnectionOutbox Outbox, HubCallerContext Context)> _open = new(StringComparer.Ordinal);

    /// <summary>Starts the connection's outbox and its writer loop; from now on it is sent what its audience may see.</summary>
    public void Open(HubCallerContext context, HubAudience audience)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outbox = new ConnectionOutbox(audience, hub.Clients.Client(context.ConnectionId), options.Value, time, logger);
        _open[context.ConnectionId] = (outbox, context);
        _ = WriteAsync(outbox, context);
    }

    /// <summary>The connection is gone: what is still queued for it is discarded.</summary>
    public void Close(string connectionId)
    {
        if (_open.TryRemove(connectionId, out var open))
        {
            open.Outbox.Close();
        }
    }

    /// <summary>Queues a push for every board connection (board and admin keys).</summary>
    public void ToBoards(Func<IQualityClient, Task> send) => Post(HubGroups.Board, send);

    /// <summary>Queues a push for every connection of one buyer's keys.</summary>
    public void ToBuyer(string buyerId, Func<IQualityClient, Task> send) => Post(HubGroups.Buyer(buyerId), send);

    /// <summary>Queues a push for every connection, boards and buyers alike.</summary>
    public void ToEveryone(Func<IQualityClient, Task> send) => Post(null, send);

    private void Post(string? audience, Func<IQualityClient, Task> send)
    {
        foreach (var (_, open) in _open)
        {
            if ((audience is null || open.Outbox.Audience.Group == audience) && !open.Outbox.TryPost(send))
            {
                Drop(open, HubDropReason.OutboxFull);
            }
        }
    }

    private async Task WriteAsync(ConnectionOutbox outbox, HubCallerContext context)
    {
        if (await outbox.RunAsync() is { } reason)
        {
            Drop((outbox, context), reason);
        }
    }

    private void Drop((ConnectionOutbox Outbox, HubCallerContext Context) open, HubDropReason reason)
    {
        // Whoever removes the connection drops it: a full outbox and a timed-out send count once, a connection that
        // closed meanwhile not at all.
        if (!_open.TryRemove(KeyValuePair.Create(open.Context.ConnectionId, open)))
        {
            return;
        }

        open.Outbox.Close();
        open.Context.Abort();
        metrics.HubConnectionDropped(reason == HubDropReason.OutboxFull ? "outbox_full" : "send_timeout");
        LogDropped(logger, open.Context.ConnectionId, open.Outbox.Audience.Group, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub connection {ConnectionId} of {Audience} dropped for falling behind ({Reason})")]
    private static partial void LogDropped(ILogger logger, string connectionId, string audience, HubDropReason reason);
}
