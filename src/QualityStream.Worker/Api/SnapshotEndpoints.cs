using System.Security.Claims;
using QualityStream.Core.Serialization;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Accounts;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Feed;

namespace QualityStream.Worker.Api;

public static class SnapshotEndpoints
{
    /// <summary>
    /// <c>GET /api/snapshot</c> (docs/contract.md §7). A buyer key sees only its own cells, never source cells, whatever
    /// filters it sends: the buyer comes from the key, not from the query.
    /// </summary>
    public static void MapSnapshotApi(this WebApplication app) =>
        app.MapGet("/api/snapshot", async (HttpContext http, IQualityFeed feed, AccountHealthReader accounts, string? buyerId, string? sourceId, string? scope, string? window) =>
        {
            var filter = new SnapshotFilter(buyerId, sourceId, scope, window);
            if (http.User.IsInRole(QualityRoles.Buyer))
            {
                var own = http.User.FindFirstValue(QualityRoles.BuyerIdClaim);
                if (buyerId is not null && buyerId != own)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden,
                        detail: $"this key belongs to buyer {own}; it cannot read buyer {buyerId}");
                }

                filter = filter with { BuyerId = own, ExcludeSourceCells = true };
            }

            var snapshot = await accounts.CompleteAsync(feed.Snapshot(filter), filter);
            return Results.Json(snapshot, QualityJsonContext.Default.QualitySnapshot);
        }).RequireAuthorization(QualityPolicies.AnyKey);
}
