using System.Security.Claims;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Thresholds;

namespace QualityStream.Worker.Api;

/// <summary>
/// The threshold API on the demo-only <see cref="InProcessDemoStore"/>: same routes, roles and validation as on Redis,
/// but a write changes only this process's thresholds, at once.
/// </summary>
internal static class ThresholdInProcessEndpoints
{
    public static void MapInProcessThresholdApi(this RouteGroupBuilder api)
    {
        api.MapGet("", List).RequireAuthorization(QualityPolicies.Board);
        api.MapPut("/{metric}/{scope}", PutAsync).RequireAuthorization(QualityPolicies.Admin);
        api.MapDelete("/{metric}/{scope}", Delete).RequireAuthorization(QualityPolicies.Admin);
    }

    private static IResult List(InProcessDemoStore store, ThresholdWindows windows) =>
        Results.Json(
            ThresholdListing.From(store.Current, store.Status, windows.All, connected: false),
            ThresholdApiJsonContext.Default.ThresholdListing);

    private static async Task<IResult> PutAsync(string metric, string scope, HttpContext http, ThresholdWindows windows, InProcessDemoStore store)
    {
        var request = await ThresholdPutRequest.ReadAsync(metric, scope, http, windows);
        if (request.Refusal is { } refusal)
        {
            return refusal;
        }

        store.SetThreshold(request.Metric, scope, request.Threshold!);
        var json = ThresholdJson.Write(request.Threshold!);
        Log(http, "set", request.Metric, scope, json);
        return Results.Text(json, "application/json", statusCode: 200);
    }

    private static IResult Delete(string metric, string scope, HttpContext http, InProcessDemoStore store)
    {
        if (!Metrics.TryParse(metric, out var m))
        {
            return ThresholdResults.UnknownMetric(metric);
        }

        if (!store.RemoveThreshold(m, scope))
        {
            return ThresholdResults.Message(404, $"no threshold is stored for metric '{m.Code()}' and scope '{scope}'");
        }

        Log(http, "deleted", m, scope, "");
        return Results.NoContent();
    }

    private static void Log(HttpContext http, string what, Metric metric, string scope, string json) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ThresholdEndpoints).FullName!)
            .LogInformation("Threshold {Metric}/{Scope} {What} in the demo-only in-process store by {Key} {Json}", metric.Code(), scope, what,
                http.User.FindFirstValue(ClaimTypes.NameIdentifier), json);
}
