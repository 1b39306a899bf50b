using System.Security.Claims;
using QualityStream.Worker.Auth;
using StackExchange.Redis;

namespace QualityStream.Worker.Api;

/// <summary>
/// API key admin (docs/contract.md §7), admin keys only: <c>GET /api/keys</c> lists ids, roles, buyers, names and creation
/// times; <c>POST /api/keys</c> creates a key and shows it once; <c>DELETE /api/keys/{id}</c> revokes one, where the id
/// is the first 12 hex characters of the key's SHA-256 (more of the hash also works). A revoked key stops working on
/// this worker at once and on the others within <c>Auth:CacheSeconds</c>. Keys never reach the logs; ids do.
/// </summary>
public static class ApiKeyEndpoints
{
    public static void MapApiKeyApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/keys").RequireAuthorization(QualityPolicies.Admin);
        api.MapGet("", ListAsync);
        api.MapPost("", CreateAsync);
        api.MapDelete("/{id}", RevokeAsync);
    }

    private static async Task<IResult> ListAsync(ApiKeyRegistry registry)
    {
        try
        {
            return Results.Json(new ApiKeyListing(await registry.ListAsync()), ApiKeyApiJsonContext.Default.ApiKeyListing);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return ApiKeyResults.Message(StatusCodes.Status503ServiceUnavailable, $"Redis is unreachable; keys cannot be listed ({e.Message})");
        }
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiKeyRegistry registry)
    {
        var (request, bodyError) = await ApiKeyRequestBody.ReadAsync(http.Request);
        if (bodyError is not null)
        {
            return ApiKeyResults.Problems([bodyError]);
        }

        if (!request!.TryValidate(out var access, out var errors))
        {
            return ApiKeyResults.Problems(errors);
        }

        CreatedApiKey created;
        try
        {
            created = await registry.CreateAsync(access);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return ApiKeyResults.Message(StatusCodes.Status503ServiceUnavailable, $"Redis is unreachable; no key was created ({e.Message})");
        }

        Log(http).LogInformation("API key {Id} created (role {Role}, buyer {BuyerId}, name {Name}) by {Key}",
            created.Id, access.Role, access.BuyerId, access.Name, Caller(http));
        // The one answer that carries a key: no cache may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(ApiKeyCreated.From(created), ApiKeyApiJsonContext.Default.ApiKeyCreated, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext http, ApiKeyRegistry registry, ApiKeyStore store)
    {
        if (!ApiKeyRegistry.IsId(id))
        {
            return ApiKeyResults.Problems([new ApiKeyFieldError("id", $"'{id}' is not a key id: the {ApiKeys.IdLength} hex characters GET /api/keys shows (or more of the hash)")]);
        }

        ApiKeyRevocation revocation;
        try
        {
            revocation = await registry.RevokeAsync(id);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return ApiKeyResults.Message(StatusCodes.Status503ServiceUnavailable, $"Redis is unreachable; no key was revoked ({e.Message})");
        }

        switch (revocation.Outcome)
        {
            case ApiKeyRevocationOutcome.NotFound:
                return ApiKeyResults.Message(StatusCodes.Status404NotFound, $"no API key has id {id}");
            case ApiKeyRevocationOutcome.Ambiguous:
                return ApiKeyResults.Message(StatusCodes.Status409Conflict, $"several API keys have ids starting with {id}; give more of the hash");
        }

        store.Forget(revocation.Hash!);
        var revoked = revocation.Revoked!;
        Log(http).LogInformation("API key {Id} revoked (role {Role}, buyer {BuyerId}, name {Name}) by {Key}",
            revoked.Id, revoked.Role, revoked.BuyerId, revoked.Name, Caller(http));
        return Results.NoContent();
    }

    private static string? Caller(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier);

    private static ILogger Log(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiKeyEndpoints).FullName!);
}
