using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QualityStream.Worker.Health;
using StackExchange.Redis;

namespace QualityStream.Worker.Thresholds;

public static class RedisThresholdExtensions
{
    /// <summary>
    /// Redis (<c>Redis:*</c>), the thresholds it holds (<see cref="IThresholdSource"/>, kept current by
    /// <see cref="RedisThresholdStore"/>) and the readiness check <c>redis</c>. A caller that registered its own
    /// <see cref="IConnectionMultiplexer"/> first keeps it. With <c>Redis:InProcess</c> (demo-only) the thresholds come
    /// from <see cref="InProcessDemoStore"/> instead and no Redis connection is made.
    /// </summary>
    public static void AddRedisThresholds(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(sp => ThresholdWindows.From(sp.GetRequiredService<IConfiguration>()));
        if (builder.Configuration.IsInProcess())
        {
            services.AddInProcessDemoStore();
            services.AddSingleton<IThresholdSource>(sp => sp.GetRequiredService<InProcessDemoStore>());
            services.AddHealthChecks().AddCheck(
                "redis", () => HealthCheckResult.Healthy(InProcessDemoStore.HealthDescription), [QualityHealthExtensions.ReadyTag]);
            return;
        }

        services.AddRedisConnection();
        services.AddSingleton<RedisThresholdStore>();
        services.AddSingleton<IThresholdSource>(sp => sp.GetRequiredService<RedisThresholdStore>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisThresholdStore>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [QualityHealthExtensions.ReadyTag]);
    }
}
