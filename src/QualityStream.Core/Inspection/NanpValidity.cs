using System.Text.RegularExpressions;
using PhoneNumbers;

namespace QualityStream.Core.Inspection;

/// <summary>
/// <see cref="PhoneNumberUtil.IsValidNumber(PhoneNumber)"/> for a +1 number whose national significant number
/// (<see cref="PhoneNumberUtil.GetNationalSignificantNumber(PhoneNumber)"/>) has ten digits, answered from
/// libphonenumber's own metadata; that string and the calling code are all IsValidNumber looks at. +1 is shared
/// by 25 regions. libphonenumber takes the first one in its list that is chosen by its leading digits (the
/// Caribbean: 268 Antigua, ...) or, for a region without leading digits (US, Canada), whose patterns know the
/// number, and then checks the number against that region. When no region's leading digits match, the answer
/// is therefore just whether some region without leading digits knows it; when some do, this says so (null)
/// and the caller asks libphonenumber.
/// </summary>
internal sealed class NanpValidity
{
    public const int CallingCode = 1;

    private readonly Regex? _anyLeadingDigits;
    private readonly RegionPatterns[] _byPattern;

    public NanpValidity(PhoneNumberUtil phones)
    {
        ArgumentNullException.ThrowIfNull(phones);
        var regions = phones.GetRegionCodesForCountryCode(CallingCode).Select(phones.GetMetadataForRegion).ToList();
        var leadingDigits = regions.Where(r => r.HasLeadingDigits).Select(r => "(?:" + r.LeadingDigits + ")").ToList();

        // Anchored at the start only, as libphonenumber matches leading digits.
        _anyLeadingDigits = leadingDigits.Count == 0
            ? null
            : new Regex("^(?:" + string.Join('|', leadingDigits) + ")", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        _byPattern = [.. regions.Where(r => !r.HasLeadingDigits).Select(r => new RegionPatterns(r, NanpE164.NationalLength))];
    }

    /// <summary>The validity of the +1 number with this national significant number, or null when libphonenumber must decide.</summary>
    public bool? IsValid(ReadOnlySpan<char> nationalNumber)
    {
        if (_anyLeadingDigits?.IsMatch(nationalNumber) == true)
        {
            return null;
        }

        foreach (var region in _byPattern)
        {
            if (region.IsKnownType(nationalNumber))
            {
                return true;
            }
        }

        return false;
    }
}
