using System.Text.Json;

namespace QualityStream.Worker.Auth;

/// <summary>Writes <c>{"error":"…"}</c> with a status: the body of 401, 403 and 503 answers from authentication.</summary>
internal static class AuthErrorJson
{
    public static async Task WriteAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartObject();
        json.WriteString("error", message);
        json.WriteEndObject();
        await json.FlushAsync(response.HttpContext.RequestAborted);
    }
}
