using System.Text.Json;

namespace QualityStream.Core.Decoding;

/// <summary>
/// The <c>vertical</c> field: free text, defaulting to <c>default</c> when absent, null or empty.
/// The well-known verticals (those with a contract return window) come back as shared strings,
/// saving an allocation on nearly every delivery.
/// </summary>
internal static class Verticals
{
    public const string Default = "default";

    private static readonly string[] Known =
        ["auto_insurance", "health_insurance", "life_insurance", "medicare", "mortgage", "legal", Default];

    private static readonly byte[][] KnownUtf8 = Array.ConvertAll(Known, System.Text.Encoding.UTF8.GetBytes);

    public static string Read(ref Utf8JsonReader reader, scoped Span<byte> scratch, ref DecodeErrors errors)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = JsonFields.Unescaped(ref reader, scratch);
            for (var i = 0; i < KnownUtf8.Length; i++)
            {
                if (text.SequenceEqual(KnownUtf8[i]))
                {
                    return Known[i];
                }
            }
        }

        var value = JsonFields.OptionalString(ref reader, "vertical", ref errors);
        return string.IsNullOrEmpty(value) ? Default : value;
    }
}
