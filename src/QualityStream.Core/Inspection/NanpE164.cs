namespace QualityStream.Core.Inspection;

/// <summary>
/// The one phone shape that dominates US lead traffic, <c>+1</c> and ten ASCII digits whose first is 2–9, read
/// without <see cref="PhoneNumbers.PhoneNumberUtil.Parse(string, string)"/>. For exactly this input Parse
/// gives calling code 1 and the ten digits as the national number, whatever the default region: the plus sign
/// makes it read the calling code from the number; nothing is left to strip as an extension, carrier code or
/// second number; the first digit is not NANP's national prefix 1; and with no leading zero there is nothing
/// to keep as Italian leading zeros. So the input is already the number's E.164 form. The tests pin this
/// against Parse.
/// </summary>
internal static class NanpE164
{
    public const int NationalLength = 10;

    public static bool TryGetNationalNumber(string phone, out ReadOnlySpan<char> nationalNumber)
    {
        ArgumentNullException.ThrowIfNull(phone);
        nationalNumber = phone.Length == 2 + NationalLength ? phone.AsSpan(2) : default;
        return phone.StartsWith("+1", StringComparison.Ordinal)
            && nationalNumber.Length == NationalLength
            && char.IsBetween(nationalNumber[0], '2', '9')
            && !nationalNumber.ContainsAnyExceptInRange('0', '9');
    }
}
