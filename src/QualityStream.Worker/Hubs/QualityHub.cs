using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// <c>/hubs/quality</c> (CONTRACTS §8). The only client method is <see cref="GetSnapshot"/>; there is deliberately
/// no way for a client to choose or join a group.
/// </summary>
[Authorize(Policy = QualityPolicies.AnyKey)]
public sealed class QualityHub(IQualityFeed feed, RecentNotices recentNotices, BoardConnections boards) : Hub<IQualityClient>
{
    /// <summary>The whole snapshot for board and admin keys; a buyer key's own cells, without source cells.</summary>
    public QualitySnapshot GetSnapshot() =>
        feed.Snapshot(Audience()?.Filter ?? throw new HubException("this key may not read the snapshot"));

    public override async Task OnConnectedAsync()
    {
        var audience = Audience();
        if (audience is null)
        {
            // The policy admits any key; a buyer key without a buyer id would otherwise sit in no group, silently.
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, audience.Group);
        if (audience.Group == HubGroups.Board)
        {
            boards.Add(Context.ConnectionId);
        }

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

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        boards.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private HubAudience? Audience() => HubAudience.Of(Context.User);
}
