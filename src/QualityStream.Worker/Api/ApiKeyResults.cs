using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Api;

/// <summary>The error answers of the key API, all JSON: 400 with field errors, the others with a message.</summary>
internal static class ApiKeyResults
{
    public static IResult Problems(IReadOnlyList<ApiKeyFieldError> errors) =>
        Results.Json(new ApiKeyProblems(errors), ApiKeyApiJsonContext.Default.ApiKeyProblems, statusCode: StatusCodes.Status400BadRequest);

    public static IResult Message(int status, string message) =>
        Results.Json(new ApiKeyMessage(message), ApiKeyApiJsonContext.Default.ApiKeyMessage, statusCode: status);
}
