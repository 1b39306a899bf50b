using System.Text;
using System.Text.Json;
using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Api;

/// <summary>
/// The body of <c>POST /api/keys</c>, <c>{"role":"buyer","buyerId":"acme-auto","name":"acme portal"}</c>, read as text up
/// to a small limit and parsed field by field, so a typo such as <c>"buyer"</c> is named instead of silently ignored.
/// </summary>
internal static class ApiKeyRequestBody
{
    private const int MaxChars = 4096;
    private const string Example = """{"role":"buyer","buyerId":"acme-auto","name":"acme portal"}""";

    public static async Task<(ApiKeyRequest? Request, ApiKeyFieldError? Error)> ReadAsync(HttpRequest http)
    {
        if (http.ContentLength > MaxChars)
        {
            return (null, TooLarge());
        }

        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var buffer = new char[MaxChars + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), http.HttpContext.RequestAborted);
        return read > MaxChars ? (null, TooLarge()) : Parse(new string(buffer, 0, read));
    }

    public static (ApiKeyRequest? Request, ApiKeyFieldError? Error) Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, new ApiKeyFieldError("json", $"must be a JSON object like {Example}"));
            }

            string? role = null, buyerId = null, name = null;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return (null, new ApiKeyFieldError(p.Name, "must be a string"));
                }

                var value = p.Value.GetString();
                switch (p.Name)
                {
                    case "role": role = value; break;
                    case "buyerId": buyerId = value; break;
                    case "name": name = value; break;
                    default: return (null, new ApiKeyFieldError(p.Name, "is not a field of a key; expected role, buyerId and name"));
                }
            }

            return (new ApiKeyRequest(role, buyerId, name), null);
        }
        catch (JsonException e)
        {
            return (null, new ApiKeyFieldError("json", $"is not valid JSON ({e.Message}); expected an object like {Example}"));
        }
    }

    private static ApiKeyFieldError TooLarge() => new("json", $"is larger than {MaxChars} bytes; a key request is a small JSON object");
}
