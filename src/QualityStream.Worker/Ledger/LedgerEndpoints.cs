using QualityStream.Core.Thresholds;
using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Ledger;

public static class LedgerEndpoints
{
    private static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(24);

    /// <summary>
    /// <c>GET /api/incidents</c>, <c>/api/notices</c>, <c>/api/trust</c>, <c>/api/history</c>,
    /// <c>/api/history/sparklines</c> and <c>/api/review</c> (docs/contract.md §7).
    /// </summary>
    public static void MapLedgerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/incidents", async (HttpContext http, IncidentLedger ledger, TimeProvider time, string? since, string? until, string? buyerId, string? sourceId, string? state) =>
        {
            var now = time.GetUtcNow();
            var buyer = KeyAudience.Narrow(http, buyerId, out var refused);
            if (refused is not null)
            {
                return refused;
            }

            if (!KeyAudience.TryInstant(since, now - DefaultSpan, out var from) || !KeyAudience.TryInstant(until, now, out var to))
            {
                return KeyAudience.BadRequest("since and until are ISO 8601 instants, e.g. 2026-11-23T08:00:00Z");
            }

            if (!IncidentQuery.IsState(state))
            {
                return KeyAudience.BadRequest("state is one of open, closed, warning, breach");
            }

            var found = await ledger.QueryAsync(new IncidentQuery(from, to, buyer, sourceId, state, KeyAudience.IsBuyer(http)));
            return Results.Json(new IncidentListing(found), LedgerJsonContext.Default.IncidentListing);
        }).RequireAuthorization(QualityPolicies.AnyKey);

        app.MapGet("/api/notices", async (HttpContext http, NoticeHistory notices, TimeProvider time, string? since, string? buyerId) =>
        {
            var buyer = KeyAudience.Narrow(http, buyerId, out var refused);
            if (refused is not null)
            {
                return refused;
            }

            if (!KeyAudience.TryInstant(since, time.GetUtcNow().AddDays(-TrustTable.Days), out var from))
            {
                return KeyAudience.BadRequest("since is an ISO 8601 instant, e.g. 2026-11-23T08:00:00Z");
            }

            return Results.Json(new NoticeListing(await notices.QueryAsync(buyer, from)), LedgerJsonContext.Default.NoticeListing);
        }).RequireAuthorization(QualityPolicies.AnyKey);

        app.MapGet("/api/trust", async (HttpContext http, TrustReader trust, string? buyerId) =>
        {
            var buyer = KeyAudience.Narrow(http, buyerId, out var refused);
            return refused ?? Results.Json(new TrustListing(await trust.ReadAsync(buyerId: buyer)), LedgerJsonContext.Default.TrustListing);
        }).RequireAuthorization(QualityPolicies.AnyKey);

        app.MapHistoryApi();

        app.MapGet("/api/review", async (ReviewBuilder review, string? since) =>
        {
            DateTimeOffset? from = null;
            if (since is not null)
            {
                if (!KeyAudience.TryInstant(since, default, out var at))
                {
                    return KeyAudience.BadRequest("since is an ISO 8601 instant, e.g. 2026-11-23T18:00:00Z");
                }

                from = at;
            }

            return Results.Json(await review.BuildAsync(from), LedgerJsonContext.Default.ReviewReport);
        }).RequireAuthorization(QualityPolicies.Board);
    }

    private static void MapHistoryApi(this WebApplication app)
    {
        app.MapGet("/api/history", async (HttpContext http, RateHistory history, TimeProvider time, string? scope, string? buyerId, string? sourceId, string? window, string? since, string? until, string? step) =>
        {
            var now = time.GetUtcNow();
            var buyer = KeyAudience.Narrow(http, buyerId, out var refused);
            if (refused is not null)
            {
                return refused;
            }

            if (!CellScopes.TryParse(scope ?? (sourceId is null ? "buyer" : buyerId is null ? "source" : "buyer_source"), out var cellScope)
                || (cellScope == CellScope.Source && KeyAudience.IsBuyer(http)))
            {
                return KeyAudience.BadRequest("scope is buyer, source or buyer_source (a buyer key: buyer or buyer_source)");
            }

            if ((cellScope != CellScope.Source && buyer is null) || (cellScope != CellScope.Buyer && sourceId is null))
            {
                return KeyAudience.BadRequest("the cell needs buyerId for buyer scopes and sourceId for source scopes");
            }

            if (!KeyAudience.TryInstant(since, now - DefaultSpan, out var from) || !KeyAudience.TryInstant(until, now, out var to))
            {
                return KeyAudience.BadRequest("since and until are ISO 8601 instants, e.g. 2026-11-23T08:00:00Z");
            }

            var resolution = step is null ? (from >= now - DefaultSpan ? HistoryStep.Fine : HistoryStep.Hourly) : HistoryStep.Parse(step);
            if (resolution is null)
            {
                return KeyAudience.BadRequest("step is 5m or 1h");
            }

            var cell = HistorySlot.CellKey(cellScope, cellScope == CellScope.Source ? null : buyer, cellScope == CellScope.Buyer ? null : sourceId);
            var points = await history.ReadAsync(cell, window ?? "1h", resolution, from, to);
            return Results.Json(new HistoryListing(resolution.Name, points), LedgerJsonContext.Default.HistoryListing);
        }).RequireAuthorization(QualityPolicies.AnyKey);

        app.MapGet("/api/history/sparklines", async (HttpContext http, RateHistory history, TimeProvider time, string? scope, string? window, int? hours, string? buyerId) =>
        {
            var buyer = KeyAudience.Narrow(http, buyerId, out var refused);
            if (refused is not null)
            {
                return refused;
            }

            if (!CellScopes.TryParse(scope ?? "buyer", out var cellScope) || (cellScope == CellScope.Source && KeyAudience.IsBuyer(http)))
            {
                return KeyAudience.BadRequest("scope is buyer, source or buyer_source (a buyer key: buyer or buyer_source)");
            }

            if (hours is < 1 or > 168)
            {
                return KeyAudience.BadRequest("hours is between 1 and 168");
            }

            var span = hours ?? 6;
            var step = span <= 24 ? HistoryStep.Fine : HistoryStep.Hourly;
            var listing = await history.SparklinesAsync(cellScope, buyer, window ?? "1h", span, step, time.GetUtcNow());
            return Results.Json(listing, LedgerJsonContext.Default.SparklineListing);
        }).RequireAuthorization(QualityPolicies.AnyKey);
    }
}
