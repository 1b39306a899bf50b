using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace QualityStream.Worker.Redis;

/// <summary>The shared Redis registrations (options, key names, one connection) that thresholds and API keys both need.</summary>
internal static class RedisConnectionRegistration
{
    public static void AddRedisConnection(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RedisKeys)))
        {
            return;
        }

        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => RedisConnector.IsValidConfiguration(o.Configuration),
                "Redis:Configuration: not a valid StackExchange.Redis configuration string (e.g. localhost:6379 or redis:6379,password=...)")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new RedisKeys(sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix));
        services.TryAddSingleton(sp => RedisConnector.Connect(
            sp.GetRequiredService<IOptions<RedisOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisConnector).FullName!)));
    }
}
