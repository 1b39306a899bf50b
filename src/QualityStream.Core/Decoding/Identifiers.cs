using System.Buffers;

namespace QualityStream.Core.Decoding;

/// <summary>
/// The contract's identifier rule (CONTRACTS §1): 1–64 characters of <c>[A-Za-z0-9._-]</c>,
/// which keeps ids safe as Prometheus label values and Redis key parts.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    public static bool IsValid(ReadOnlySpan<char> id) =>
        !id.IsEmpty && id.Length <= MaxLength && !id.ContainsAnyExcept(Allowed);
}
