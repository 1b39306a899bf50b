using Microsoft.Extensions.DependencyInjection.Extensions;
using QualityStream.Worker.Health;
using StackExchange.Redis;

namespace QualityStream.Worker.Thresholds;

public static class RedisThresholdExtensions
{
    /// <summary>
    /// Redis (<c>Redis:*</c>), the thresholds it holds (<see cref="IThresholdSource"/>, kept current by
    /// <see cref="RedisThresholdStore"/>) and the readiness check <c>redis</c>. A caller that registered its own
    /// <see cref="IConnectionMultiplexer"/> first keeps it.
    /// </summary>
    public static void AddRedisThresholds(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddRedisConnection();
        services.TryAddSingleton(sp => ThresholdWindows.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<RedisThresholdStore>();
        services.AddSingleton<IThresholdSource>(sp => sp.GetRequiredService<RedisThresholdStore>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisThresholdStore>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [QualityHealthExtensions.ReadyTag]);
    }
}
