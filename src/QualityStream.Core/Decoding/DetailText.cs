using System.Globalization;
using System.Text.Json;

namespace QualityStream.Core.Decoding;

/// <summary>Pieces of rejection details; only ever called on the rejection path.</summary>
internal static class DetailText
{
    private const int MaxQuoted = 80;

    /// <summary>Quotes a value for a detail, cut short so a 64 KiB field does not become a 64 KiB header.</summary>
    public static string Quote(string value) =>
        value.Length <= MaxQuoted ? $"'{value}'" : $"'{value[..MaxQuoted]}…' ({value.Length} characters)";

    public static string TokenName(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Short human durations: <c>45s</c>, <c>5m</c>, <c>7m30s</c>, <c>5m00.001s</c>, <c>3h00m</c>, <c>50h05m</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        var inv = CultureInfo.InvariantCulture;
        if (value.TotalHours >= 1)
        {
            return string.Create(inv, $"{(long)value.TotalHours}h{value.Minutes:D2}m");
        }

        if (value.TotalMinutes >= 1)
        {
            var seconds = value.TotalSeconds - ((long)value.TotalMinutes * 60);
            return seconds == 0
                ? string.Create(inv, $"{(long)value.TotalMinutes}m")
                : string.Create(inv, $"{(long)value.TotalMinutes}m{seconds:00.###}s");
        }

        return string.Create(inv, $"{value.TotalSeconds:0.###}s");
    }
}
