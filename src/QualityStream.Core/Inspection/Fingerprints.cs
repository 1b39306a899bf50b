using System.Globalization;
using System.IO.Hashing;
using PhoneNumbers;

namespace QualityStream.Core.Inspection;

/// <summary>
/// 64-bit consumer fingerprints: XxHash64 of <c>"p:" + E.164</c> or <c>"e:" + trimmed lower-case email</c>.
/// The prefixes keep a phone and an email from ever sharing a fingerprint. 0 means "none", so the one-in-2^64
/// hash that comes out as 0 is moved to 1. Built in stack buffers: no allocation.
/// </summary>
internal static class Fingerprints
{
    // Room for any number libphonenumber builds: "+", a calling code, leading zeros and a 64-bit national number.
    private const int MaxE164Chars = 46;

    public static ulong Phone(PhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);

        // E.164 is "+", the country code, then the national significant number: the leading zeros the
        // parser keeps as a count (Italian fixed lines, for one) followed by the national number.
        Span<char> e164 = stackalloc char[MaxE164Chars];
        e164[0] = '+';
        var length = 1;
        number.CountryCode.TryFormat(e164[length..], out var written, default, CultureInfo.InvariantCulture);
        length += written;
        var zeros = number.HasNumberOfLeadingZeros ? number.NumberOfLeadingZeros : 0;
        e164.Slice(length, zeros).Fill('0');
        length += zeros;

        number.NationalNumber.TryFormat(e164[length..], out written, default, CultureInfo.InvariantCulture);
        return PhoneE164(e164[..(length + written)]);
    }

    /// <summary>The fingerprint of a phone number already in E.164 form (so ASCII): what <see cref="Phone"/> hashes.</summary>
    public static ulong PhoneE164(ReadOnlySpan<char> e164)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(e164.Length, MaxE164Chars, nameof(e164));
        Span<byte> text = stackalloc byte[2 + MaxE164Chars];
        "p:"u8.CopyTo(text);
        for (var i = 0; i < e164.Length; i++)
        {
            text[2 + i] = (byte)e164[i];
        }

        return NonZero(XxHash64.HashToUInt64(text[..(2 + e164.Length)]));
    }

    /// <summary>The fingerprint of an email already checked by <see cref="EmailSyntax"/> (so ASCII, at most 254 chars).</summary>
    public static ulong Email(ReadOnlySpan<char> email)
    {
        email = email.Trim();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(email.Length, 256, nameof(email));
        Span<byte> text = stackalloc byte[2 + 256];
        "e:"u8.CopyTo(text);
        for (var i = 0; i < email.Length; i++)
        {
            text[2 + i] = (byte)char.ToLowerInvariant(email[i]);
        }

        return NonZero(XxHash64.HashToUInt64(text[..(2 + email.Length)]));
    }

    private static ulong NonZero(ulong hash) => hash == 0 ? 1 : hash;
}
