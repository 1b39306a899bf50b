using StackExchange.Redis;

namespace QualityStream.Worker.Redis;

/// <summary>Opens the one Redis connection of the worker, shaped for a service that must run while Redis is away.</summary>
internal static class RedisConnector
{
    public static bool IsValidConfiguration(string configuration)
    {
        try
        {
            return ConfigurationOptions.Parse(configuration).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static IConnectionMultiplexer Connect(RedisOptions options, ILogger log)
    {
        ConfigurationOptions config;
        try
        {
            config = ConfigurationOptions.Parse(options.Configuration);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Redis:Configuration is not a valid StackExchange.Redis configuration: {e.Message}", e);
        }

        // Start without Redis and keep the last known thresholds; reconnect every second so it is back soon after Redis is.
        config.AbortOnConnectFail = false;
        config.ReconnectRetryPolicy = new LinearRetry(1000);

        // Fail at once while disconnected instead of queueing: the API answers 503 and the store keeps what it has,
        // rather than every caller hanging for the command timeout.
        config.BacklogPolicy = BacklogPolicy.FailFast;

        var redis = ConnectionMultiplexer.Connect(config);
        var endpoints = string.Join(", ", config.EndPoints);
        if (redis.IsConnected)
        {
            log.LogInformation("Connected to Redis at {Endpoints}", endpoints);
        }
        else
        {
            log.LogWarning("Redis at {Endpoints} is not reachable yet; retrying every second, built-in thresholds apply meanwhile", endpoints);
        }

        return redis;
    }
}
