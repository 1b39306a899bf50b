using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Api;

/// <summary>The error answers of the threshold API, all JSON: 400 with field errors, 404 and 503 with a message.</summary>
internal static class ThresholdResults
{
    public static IResult UnknownMetric(string metric) =>
        Message(404, $"unknown metric '{metric}'; expected one of {string.Join(", ", Metrics.All.Select(x => x.Code()))}");

    public static IResult Problems(ThresholdError error) => Problems([error]);

    public static IResult Problems(IReadOnlyList<ThresholdError> errors) =>
        Results.Json(new ThresholdProblems(errors), ThresholdApiJsonContext.Default.ThresholdProblems, statusCode: 400);

    public static IResult Unavailable(string message) => Message(503, message);

    public static IResult Message(int status, string message) =>
        Results.Json(new ThresholdMessage(message), ThresholdApiJsonContext.Default.ThresholdMessage, statusCode: status);
}
