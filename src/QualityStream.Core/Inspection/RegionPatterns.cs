using System.Text.RegularExpressions;
using PhoneNumbers;

namespace QualityStream.Core.Inspection;

/// <summary>
/// libphonenumber's own test of whether a national significant number of one length is of some known type in a
/// region (its <c>GetNumberTypeHelper</c> returning anything but UNKNOWN): the general pattern, and then any
/// type's pattern, each after its possible-length check. Asked for one length only, a description whose
/// possible lengths exclude it can never match and is left out, so "any type" is one alternation of the rest.
/// The patterns are the region's metadata anchored as libphonenumber anchors them, but compiled: libphonenumber
/// interprets them (compiling all of its regions would cost seconds), and interpreted, US validity alone is
/// ten matches, most of the cost of inspecting a lead.
/// </summary>
internal sealed class RegionPatterns
{
    private readonly int _length;
    private readonly Regex? _general;
    private readonly Regex? _anyType;

    public RegionPatterns(PhoneMetadata metadata, int length)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _length = length;
        _general = metadata.GeneralDesc.HasNationalNumberPattern && Allows(metadata.GeneralDesc, length)
            ? Compile(metadata.GeneralDesc.NationalNumberPattern)
            : null;

        // libphonenumber asks mobile only when its pattern differs from fixed line's.
        PhoneNumberDesc?[] types =
        [
            metadata.PremiumRate, metadata.TollFree, metadata.SharedCost, metadata.Voip, metadata.PersonalNumber,
            metadata.Pager, metadata.Uan, metadata.Voicemail, metadata.FixedLine,
            metadata.SameMobileAndFixedLinePattern ? null : metadata.Mobile,
        ];
        var patterns = types.OfType<PhoneNumberDesc>().Where(desc => Allows(desc, length)).Select(desc => "(?:" + desc.NationalNumberPattern + ")").ToList();
        _anyType = patterns.Count == 0 ? null : Compile(string.Join('|', patterns));
    }

    public bool IsKnownType(ReadOnlySpan<char> nationalNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(nationalNumber.Length, _length, nameof(nationalNumber));
        return _general is not null && _anyType is not null
            && _general.IsMatch(nationalNumber) && _anyType.IsMatch(nationalNumber);
    }

    /// <summary>libphonenumber's possible-length check: no lengths listed means any length.</summary>
    private static bool Allows(PhoneNumberDesc desc, int length) =>
        desc.PossibleLengthCount == 0 || desc.PossibleLengthList.Contains(length);

    private static Regex Compile(string pattern) =>
        new("^(?:" + pattern + ")$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
