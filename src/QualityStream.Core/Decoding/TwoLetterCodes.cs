namespace QualityStream.Core.Decoding;

/// <summary>
/// Shared strings for two-letter upper-case codes (US states, ISO countries), so the consumer's
/// <c>state</c> and <c>country</c> cost no allocation after the first sighting. Races only ever store
/// equal strings, and a reference store is atomic, so no lock is needed.
/// </summary>
internal static class TwoLetterCodes
{
    private static readonly string?[] Cache = new string?[26 * 26];

    /// <summary>The shared string, or null when the value is not exactly two letters A–Z.</summary>
    public static string? Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length != 2 || (uint)(utf8[0] - 'A') > 25 || (uint)(utf8[1] - 'A') > 25)
        {
            return null;
        }

        var index = ((utf8[0] - 'A') * 26) + (utf8[1] - 'A');
        return Cache[index] ??= string.Create(2, (utf8[0], utf8[1]), static (span, pair) => (span[0], span[1]) = ((char)pair.Item1, (char)pair.Item2));
    }
}
