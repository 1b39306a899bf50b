using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QualityStream.Worker.Redis;

namespace QualityStream.Worker.Auth;

public static class ApiKeyAuthExtensions
{
    /// <summary>
    /// API-key authentication (default scheme <see cref="ApiKeyDefaults.AuthenticationScheme"/>) and the policies of
    /// <see cref="QualityPolicies"/>. No fallback policy: an endpoint is open unless it asks for a policy, so pages,
    /// static files, <c>/metrics</c> and the probes need no key. Keys are looked up in Redis (<see cref="ApiKeyStore"/>) and
    /// created and revoked through <see cref="ApiKeyRegistry"/>.
    /// </summary>
    public static void AddApiKeyAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRedisConnection();
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<ApiKeyRegistry>();

        services.AddAuthentication(ApiKeyDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.AuthenticationScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(QualityPolicies.Admin, p => p.RequireRole(QualityRoles.Admin))
            .AddPolicy(QualityPolicies.Board, p => p.RequireRole(QualityRoles.Admin, QualityRoles.Board))
            .AddPolicy(QualityPolicies.AnyKey, p => p.RequireRole(QualityRoles.Admin, QualityRoles.Board, QualityRoles.Buyer));
    }

    /// <summary>Authentication then authorization; call after routing-independent middleware and before mapping endpoints.</summary>
    public static void UseQualityAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
    }
}
