using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace QualityStream.Worker.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>, or <c>?access_token=&lt;key&gt;</c> on hub paths (docs/contract.md §7).
/// No key means no result, so pages and probes stay open; endpoints that need a key then answer 401, or 403 for
/// the wrong role, with a JSON body instead of a redirect. While Redis is down keys cannot be checked: 503.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private static readonly object RedisDown = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey();
        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        ApiKeyRecord? record;
        try
        {
            record = await store.FindAsync(key);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Context.Items[RedisDown] = e.Message;
            return AuthenticateResult.Fail("API keys cannot be checked: Redis is unreachable");
        }

        if (record is null)
        {
            return AuthenticateResult.Fail("unknown API key");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "key:" + ApiKeys.Id(ApiKeys.Hash(key))),
            new(ClaimTypes.Name, record.BuyerId ?? record.Role),
            new(ClaimTypes.Role, record.Role),
        };
        if (record.BuyerId is not null)
        {
            claims.Add(new Claim(QualityRoles.BuyerIdClaim, record.BuyerId));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (Context.Items.ContainsKey(RedisDown))
        {
            await AuthErrorJson.WriteAsync(Response, StatusCodes.Status503ServiceUnavailable, result.Failure!.Message);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        var message = result.Failure?.Message
            ?? "an API key is required: send Authorization: Bearer <key>"
                + (Request.Path.StartsWithSegments(ApiKeyDefaults.HubPathPrefix) ? " or ?access_token=<key>" : "");
        await AuthErrorJson.WriteAsync(Response, StatusCodes.Status401Unauthorized, message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirstValue(ClaimTypes.Role) ?? "none";
        return AuthErrorJson.WriteAsync(Response, StatusCodes.Status403Forbidden, $"an API key with role '{role}' may not do this");
    }

    private string? ReadKey()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return header[BearerPrefix.Length..].Trim();
        }

        return Request.Path.StartsWithSegments(ApiKeyDefaults.HubPathPrefix)
            ? Request.Query[ApiKeyDefaults.QueryParameter].ToString()
            : null;
    }
}
