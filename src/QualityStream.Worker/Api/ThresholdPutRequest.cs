using QualityStream.Core.Serialization;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Thresholds;

namespace QualityStream.Worker.Api;

/// <summary>A threshold PUT after validation: the threshold to store, or the 400/404 answer that refuses it.</summary>
internal sealed record ThresholdPutRequest(Metric Metric, Threshold? Threshold, IResult? Refusal)
{
    public static async Task<ThresholdPutRequest> ReadAsync(string metric, string scope, HttpContext http, ThresholdWindows windows)
    {
        if (!Metrics.TryParse(metric, out var m))
        {
            return Refuse(ThresholdResults.UnknownMetric(metric));
        }

        if (!ThresholdScopes.TryParse(scope, out _, out _, out var scopeError))
        {
            return Refuse(ThresholdResults.Problems(new ThresholdError("scope", scopeError)));
        }

        var body = await ThresholdRequestBody.ReadAsync(http.Request, http.RequestAborted);
        if (body.Error is { } bodyError)
        {
            return Refuse(ThresholdResults.Problems(bodyError));
        }

        return ThresholdJson.TryParse(m, body.Text, windows.All, out var threshold, out var errors)
            ? new ThresholdPutRequest(m, threshold, null)
            : Refuse(ThresholdResults.Problems(errors));
    }

    private static ThresholdPutRequest Refuse(IResult refusal) => new(default, null, refusal);
}
