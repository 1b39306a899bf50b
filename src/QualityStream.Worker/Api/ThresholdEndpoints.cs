using System.Security.Claims;
using QualityStream.Core.Serialization;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Redis;
using QualityStream.Worker.Thresholds;
using StackExchange.Redis;

namespace QualityStream.Worker.Api;

/// <summary>
/// Threshold admin (docs/contract.md §4, §7): reads come from the thresholds in force (so they work while Redis is down);
/// writes validate, store the hash field, then publish the metric name so every worker reloads within a second.
/// </summary>
public static class ThresholdEndpoints
{
    public static void MapThresholdApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/thresholds");
        api.MapGet("", List).RequireAuthorization(QualityPolicies.Board);
        api.MapPut("/{metric}/{scope}", PutAsync).RequireAuthorization(QualityPolicies.Admin);
        api.MapDelete("/{metric}/{scope}", DeleteAsync).RequireAuthorization(QualityPolicies.Admin);
    }

    private static IResult List(RedisThresholdStore store, ThresholdWindows windows, IConnectionMultiplexer redis) =>
        Results.Json(
            ThresholdListing.From(store.Current, store.Status, windows.All, redis.IsConnected),
            ThresholdApiJsonContext.Default.ThresholdListing);

    private static async Task<IResult> PutAsync(
        string metric, string scope, HttpContext http, ThresholdWindows windows, IConnectionMultiplexer redis, RedisKeys keys)
    {
        var request = await ThresholdPutRequest.ReadAsync(metric, scope, http, windows);
        if (request.Refusal is { } refusal)
        {
            return refusal;
        }

        var m = request.Metric;
        var json = ThresholdJson.Write(request.Threshold!);
        try
        {
            await redis.GetDatabase().HashSetAsync(keys.Thresholds(m), scope, json);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return ThresholdResults.Unavailable($"Redis is unreachable; the threshold was not stored ({e.Message})");
        }

        var published = await PublishAsync(redis, keys, m);
        Log(http, "set", m, scope, json);
        return published is null
            ? Results.Text(json, "application/json", statusCode: 200)
            : ThresholdResults.Unavailable($"The threshold was stored, but the change could not be announced ({published}); workers apply it at their next periodic reload");
    }

    private static async Task<IResult> DeleteAsync(string metric, string scope, HttpContext http, IConnectionMultiplexer redis, RedisKeys keys)
    {
        if (!Metrics.TryParse(metric, out var m))
        {
            return ThresholdResults.UnknownMetric(metric);
        }

        // Any field may be deleted, even one whose scope is malformed: that is how an admin clears a rejected entry.
        bool removed;
        try
        {
            removed = await redis.GetDatabase().HashDeleteAsync(keys.Thresholds(m), scope);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return ThresholdResults.Unavailable($"Redis is unreachable; nothing was deleted ({e.Message})");
        }

        if (!removed)
        {
            return ThresholdResults.Message(404, $"no threshold is stored for metric '{m.Code()}' and scope '{scope}'");
        }

        var published = await PublishAsync(redis, keys, m);
        Log(http, "deleted", m, scope, "");
        return published is null
            ? Results.NoContent()
            : ThresholdResults.Unavailable($"The threshold was deleted, but the change could not be announced ({published}); workers apply it at their next periodic reload");
    }

    private static async Task<string?> PublishAsync(IConnectionMultiplexer redis, RedisKeys keys, Metric metric)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(keys.ThresholdsChanged, metric.Code());
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return e.Message;
        }
    }

    private static void Log(HttpContext http, string what, Metric metric, string scope, string json) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ThresholdEndpoints).FullName!)
            .LogInformation("Threshold {Metric}/{Scope} {What} by {Key} {Json}", metric.Code(), scope, what,
                http.User.FindFirstValue(ClaimTypes.NameIdentifier), json);
}
