using System.Security.Claims;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// Who a hub connection speaks for, decided only by the key's claims, never by anything the client sends:
/// its one group and the snapshot it may read.
/// </summary>
public sealed record HubAudience(string Group, SnapshotFilter Filter)
{
    /// <summary>Null for a principal that is neither admin, board nor a buyer with a buyer id.</summary>
    public static HubAudience? Of(ClaimsPrincipal? user)
    {
        if (user is null)
        {
            return null;
        }

        if (user.IsInRole(QualityRoles.Admin) || user.IsInRole(QualityRoles.Board))
        {
            return new HubAudience(HubGroups.Board, SnapshotFilter.All);
        }

        var buyerId = user.FindFirstValue(QualityRoles.BuyerIdClaim);
        if (user.IsInRole(QualityRoles.Buyer) && !string.IsNullOrEmpty(buyerId))
        {
            return new HubAudience(HubGroups.Buyer(buyerId), new SnapshotFilter(BuyerId: buyerId, ExcludeSourceCells: true));
        }

        return null;
    }
}
