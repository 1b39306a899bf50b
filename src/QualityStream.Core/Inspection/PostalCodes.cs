using System.Text.RegularExpressions;

namespace QualityStream.Core.Inspection;

/// <summary>
/// Postal code formats by ISO country (docs/contract.md §3). Countries without a rule here accept 2–10 letters,
/// digits, spaces or dashes that start and end with a letter or digit. Surrounding whitespace is ignored;
/// letters may be either case. Only ASCII digits count (regex \d would also match other scripts' digits).
/// </summary>
internal static partial class PostalCodes
{
    public static bool IsValid(string? postalCode, string region)
    {
        var code = postalCode.AsSpan().Trim();
        return region switch
        {
            "US" => UnitedStates().IsMatch(code),
            "CA" => Canada().IsMatch(code),
            "GB" => GreatBritain().IsMatch(code),
            "DE" or "FR" or "MX" => FiveDigits().IsMatch(code),
            "AU" => FourDigits().IsMatch(code),
            _ => Generic().IsMatch(code),
        };
    }

    [GeneratedRegex("^[0-9]{5}(?:-[0-9]{4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitedStates();

    // "A1A 1A1" with the letters Canada Post uses (no D, F, I, O, Q, U; no W or Z first).
    [GeneratedRegex("^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Canada();

    // Royal Mail outward code (A9, A99, AA9, AA99, A9A, AA9A) and inward code (9AA), plus GIR 0AA.
    [GeneratedRegex(
        "^(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GreatBritain();

    [GeneratedRegex("^[0-9]{5}$", RegexOptions.CultureInvariant)]
    private static partial Regex FiveDigits();

    [GeneratedRegex("^[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex FourDigits();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,8}[A-Za-z0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex Generic();
}
