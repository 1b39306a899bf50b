using System.Buffers;

namespace QualityStream.Core.Decoding;

/// <summary>
/// The contract's identifier rule (docs/contract.md §1): 1–64 characters of <c>[A-Za-z0-9._-]</c>,
/// which keeps ids safe as Prometheus label values and Redis key parts.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 64;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

    private static readonly SearchValues<char> Allowed = SearchValues.Create(Alphabet);

    private static readonly SearchValues<byte> AllowedUtf8 = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Alphabet));

    public static bool IsValid(ReadOnlySpan<char> id) =>
        !id.IsEmpty && id.Length <= MaxLength && !id.ContainsAnyExcept(Allowed);

    /// <summary>The same rule on UTF-8 bytes: a valid id is ASCII, so its byte count is its length.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8) =>
        !utf8.IsEmpty && utf8.Length <= MaxLength && !utf8.ContainsAnyExcept(AllowedUtf8);
}
