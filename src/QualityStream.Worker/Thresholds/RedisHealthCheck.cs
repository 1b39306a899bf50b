using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace QualityStream.Worker.Thresholds;

/// <summary>Readiness: Redis answers, and the thresholds in it were read. Says what the worker runs on meanwhile.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis, RedisThresholdStore store) : IHealthCheck
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endpoints = string.Join(", ", redis.GetEndPoints().Select(e => e.ToString()));
        var status = store.Status;
        var inForce = status.LastLoadedAt is { } at
            ? $"thresholds loaded at {at:O} stay in force"
            : "built-in default thresholds are in force";
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy($"Redis at {endpoints} is unreachable; {inForce} and API keys cannot be checked");
        }

        TimeSpan roundTrip;
        try
        {
            roundTrip = await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis at {endpoints} does not answer PING ({e.Message}); {inForce}");
        }

        return status.LastReloadError is { } error
            ? HealthCheckResult.Degraded($"Redis at {endpoints} answers, but thresholds are not loaded from it ({error}); {inForce}")
            : HealthCheckResult.Healthy($"Redis at {endpoints} answers in {roundTrip.TotalMilliseconds:0.0} ms; thresholds loaded at {status.LastLoadedAt:O}");
    }
}
