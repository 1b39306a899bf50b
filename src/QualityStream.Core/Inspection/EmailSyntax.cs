namespace QualityStream.Core.Inspection;

/// <summary>
/// A deliberately strict, explicit email syntax check: an RFC 5322 <c>dot-atom</c> local part (atext runs
/// separated by single dots, at most 64 characters), <c>@</c>, and a host name of at least two labels
/// (each 1–63 letters, digits or inner hyphens, RFC 1123) whose last label is not all digits, at most 254
/// characters in all (RFC 5321). System.Net.Mail.MailAddress accepts display names, quoted local parts,
/// comments and single-label domains, none of which a lead form should produce. We also reject quoted local
/// parts, IP-literal domains and non-ASCII (internationalised) addresses: legal but rare in leads, and a
/// buyer's mailer is unlikely to reach them; punycode (<c>xn--</c>) domains pass.
/// </summary>
internal static class EmailSyntax
{
    private const int MaxLength = 254;
    private const int MaxLocalLength = 64;
    private const int MaxLabelLength = 63;

    public static bool IsValid(ReadOnlySpan<char> email)
    {
        var at = email.IndexOf('@');
        return email.Length <= MaxLength && at > 0 && at <= MaxLocalLength
            && IsDotAtom(email[..at]) && IsHostName(email[(at + 1)..]);
    }

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        var previousWasDot = true; // no leading dot
        foreach (var c in local)
        {
            if (c == '.')
            {
                if (previousWasDot)
                {
                    return false;
                }

                previousWasDot = true;
            }
            else if (IsAtext(c))
            {
                previousWasDot = false;
            }
            else
            {
                return false;
            }
        }

        return !previousWasDot; // no trailing dot
    }

    private static bool IsAtext(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);

    private static bool IsHostName(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        var lastAllDigits = false;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-'
                || label.ContainsAnyExcept(HostChars))
            {
                return false;
            }

            labels++;
            lastAllDigits = !label.ContainsAnyExceptInRange('0', '9');
        }

        return labels >= 2 && !lastAllDigits;
    }

    private static readonly System.Buffers.SearchValues<char> HostChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
}
