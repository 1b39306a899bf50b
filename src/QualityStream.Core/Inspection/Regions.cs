namespace QualityStream.Core.Inspection;

/// <summary>The consumer's country as an upper-case ISO 3166-1 alpha-2 region; absent or blank means US.</summary>
internal static class Regions
{
    public const string Default = "US";

    // Shared strings for the usual countries: no allocation to upper-case them on every lead.
    private static readonly string[] Common = ["US", "CA", "GB", "DE", "FR", "AU", "MX"];

    public static string Canonical(string? country)
    {
        var trimmed = country.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return Default;
        }

        foreach (var known in Common)
        {
            if (trimmed.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return trimmed.ToString().ToUpperInvariant();
    }
}
