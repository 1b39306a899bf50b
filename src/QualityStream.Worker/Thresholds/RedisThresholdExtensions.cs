using Microsoft.Extensions.DependencyInjection.Extensions;
using QualityStream.Worker.Health;
using QualityStream.Worker.Redis;
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
        services.TryAddSingleton(sp => ThresholdWindows.From(sp.GetRequiredService<IConfiguration>()));
        services.AddRedisConnection();
        services.AddSingleton<RedisThresholdStore>();
        services.AddSingleton<IThresholdSource>(sp => sp.GetRequiredService<RedisThresholdStore>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisThresholdStore>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [QualityHealthExtensions.ReadyTag]);
    }
}
