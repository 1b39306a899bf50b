using System.Text;
using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Api;

/// <summary>The raw body of a threshold PUT, read as text (any content type) up to a small limit.</summary>
internal sealed record ThresholdRequestBody(string Text, ThresholdError? Error)
{
    // A threshold is about 100 bytes; anything near this size is a mistake, not a threshold.
    private const int MaxChars = 4096;

    public static async Task<ThresholdRequestBody> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxChars)
        {
            return TooLarge();
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxChars + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return read > MaxChars ? TooLarge() : new ThresholdRequestBody(new string(buffer, 0, read), null);
    }

    private static ThresholdRequestBody TooLarge() =>
        new("", new ThresholdError("json", $"is larger than {MaxChars} bytes; a threshold is a small JSON object"));
}
