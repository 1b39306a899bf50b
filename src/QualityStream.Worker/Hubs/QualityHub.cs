using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Accounts;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Feed;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// <c>/hubs/quality</c> (docs/contract.md §8). The only client method is <see cref="GetSnapshot"/>; there is deliberately
/// no way for a client to choose or join an audience.
/// </summary>
[Authorize(Policy = QualityPolicies.AnyKey)]
public sealed class QualityHub(IQualityFeed feed, RecentNotices recentNotices, HubConnections connections, AccountHealthReader accounts) : Hub<IQualityClient>
{
    /// <summary>The whole snapshot, with each buyer's account shape, for board and admin keys; a buyer key's own cells, without source cells.</summary>
    public Task<QualitySnapshot> GetSnapshot()
    {
        var filter = Audience()?.Filter ?? throw new HubException("this key may not read the snapshot");
        return accounts.CompleteAsync(feed.Snapshot(filter), filter);
    }

    public override async Task OnConnectedAsync()
    {
        var audience = Audience();
        if (audience is null)
        {
            // The policy admits any key; a buyer key without a buyer id would otherwise sit in no audience, silently.
            Context.Abort();
            return;
        }

        connections.Open(Context, audience);
        try
        {
            if (audience.Filter.BuyerId is { } buyerId)
            {
                // Notices sent before this page opened; a page tells repeats apart by noticeId.
                foreach (var notice in recentNotices.For(buyerId))
                {
                    await Clients.Caller.Notice(notice);
                }
            }

            await base.OnConnectedAsync();
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            connections.Close(Context.ConnectionId);
            throw;
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Close(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private HubAudience? Audience() => HubAudience.Of(Context.User);
}
