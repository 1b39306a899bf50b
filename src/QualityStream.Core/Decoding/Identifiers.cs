namespace QualityStream.Core.Decoding;

/// <summary>
/// The contract's identifier rule (CONTRACTS §1): 1–64 characters of <c>[A-Za-z0-9._-]</c>,
/// which keeps ids safe as Prometheus label values and Redis key parts.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 64;

    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
