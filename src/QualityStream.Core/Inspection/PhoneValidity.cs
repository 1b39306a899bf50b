using PhoneNumbers;

namespace QualityStream.Core.Inspection;

/// <summary>
/// libphonenumber's own answers, asked the cheap way. Both shortcuts rest on how libphonenumber works; the
/// tests pin each against the plain call over every region's example numbers.
/// </summary>
internal static class PhoneValidity
{
    /// <summary>
    /// False when <see cref="PhoneNumberUtil.Parse(string, string)"/> is sure to throw: its viability check
    /// needs at least two decimal digits, and it parses only substrings of its input. The exception costs
    /// more than a whole parse, and libphonenumber has no Try API.
    /// </summary>
    public static bool MayParse(string phone)
    {
        var digits = 0;
        foreach (var c in phone)
        {
            if (char.IsDigit(c) && ++digits == 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Exactly <see cref="PhoneNumberUtil.IsValidNumber(PhoneNumber)"/>, without its double work on shared
    /// calling codes (+1, +7, +44, ...): it first finds the number's region by trying the regions of its calling
    /// code, the main one (US for +1) first, with the same pattern check that it then repeats for the region
    /// found. When the main region accepts the number, that one check is the answer. A main region with
    /// leading digits is chosen by them instead, and one without a general pattern is judged by length, so
    /// those take the plain call.
    /// </summary>
    public static bool IsValidNumber(PhoneNumberUtil phones, PhoneNumber number)
    {
        var main = phones.GetRegionCodeForCountryCode(number.CountryCode);
        var metadata = phones.GetMetadataForRegion(main);
        return (metadata is { HasLeadingDigits: false, GeneralDesc.HasNationalNumberPattern: true }
                && phones.IsValidNumberForRegion(number, main))
            || phones.IsValidNumber(number);
    }
}
