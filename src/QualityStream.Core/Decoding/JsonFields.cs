using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using QualityStream.Core.Events;

namespace QualityStream.Core.Decoding;

/// <summary>
/// Reads one field value (the reader stands on it) and records what is wrong with it.
/// A wrong JSON type is skipped whole, so the rest of the document is still checked for syntax.
/// </summary>
internal static class JsonFields
{
    /// <summary>Room for any member name or enum value of ours, even fully \u-escaped (6 bytes a character).</summary>
    public const int ScratchBytes = 192;

    /// <summary>
    /// A reader's scratch as a local rather than <c>stackalloc</c>: the JIT compiles a method with a loop and a
    /// <c>stackalloc</c> fully optimised at once, never with the profile-guided tier (its on-stack replacement
    /// cannot move a <c>stackalloc</c>), and the readers run faster with the profile.
    /// </summary>
    [InlineArray(ScratchBytes)]
    public struct Scratch
    {
        private byte _first;
    }

    /// <summary>
    /// The current name or string as UTF-8 without escapes: the input itself when nothing is escaped (the usual
    /// case, no copy), else unescaped into <paramref name="scratch"/>; empty when it cannot be one of ours.
    /// Comparing these spans is much cheaper than repeated <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called for every member name: the JIT would not inline it
    public static ReadOnlySpan<byte> Unescaped(ref readonly Utf8JsonReader reader, Span<byte> scratch) =>
        !reader.ValueIsEscaped ? reader.ValueSpan : CopyUnescaped(in reader, scratch);

    private static ReadOnlySpan<byte> CopyUnescaped(ref readonly Utf8JsonReader reader, Span<byte> scratch) =>
        reader.ValueSpan.Length <= scratch.Length ? scratch[..reader.CopyString(scratch)] : [];

    public static void WrongType(ref Utf8JsonReader reader, string field, string expected, ref DecodeErrors errors)
    {
        errors.Add(RejectionReason.Schema, $"{field}: expected {expected}, got {DetailText.TokenName(reader.TokenType)}");
        reader.Skip();
    }

    public static void Missing(string field, ref DecodeErrors errors) =>
        errors.Add(RejectionReason.Schema, $"{field}: missing required field");

    public static string? Id(ref Utf8JsonReader reader, string field, ref DecodeErrors errors)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            WrongType(ref reader, field, "a string", ref errors);
            return null;
        }

        // A valid id is ASCII, so unescaped its bytes are its characters: check them before making the string,
        // which is then a plain widening (Latin-1 maps each byte to the same code point). Anything else takes
        // the general path, which also words the rejection.
        if (!reader.ValueIsEscaped && Identifiers.IsValid(reader.ValueSpan))
        {
            return Encoding.Latin1.GetString(reader.ValueSpan);
        }

        var id = reader.GetString()!;
        if (!Identifiers.IsValid(id))
        {
            errors.Add(RejectionReason.InvalidId, $"{field}: {DetailText.Quote(id)} must be 1-64 characters of [A-Za-z0-9._-]");
        }

        return id;
    }

    /// <summary>A string that may be absent; JSON null counts as absent.</summary>
    public static string? OptionalString(ref Utf8JsonReader reader, string field, ref DecodeErrors errors)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return Text(ref reader);
            case JsonTokenType.Null:
                return null;
            default:
                WrongType(ref reader, field, "a string", ref errors);
                return null;
        }
    }

    /// <summary>
    /// The current string value. <see cref="EventDecoder"/> checked the whole input is UTF-8 before reading it,
    /// so an unescaped value can be transcoded straight from the input, which gives what
    /// <see cref="Utf8JsonReader.GetString"/> would; ASCII, nearly every value, is a plain widening, ~3x cheaper.
    /// </summary>
    public static string Text(ref readonly Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return reader.GetString()!;
        }

        var utf8 = reader.ValueSpan;
        return Ascii.IsValid(utf8) ? Encoding.Latin1.GetString(utf8) : Encoding.UTF8.GetString(utf8);
    }

    public static DateTimeOffset? Timestamp(ref Utf8JsonReader reader, scoped Span<byte> scratch, string field, ref DecodeErrors errors)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            WrongType(ref reader, field, "an RFC 3339 timestamp string", ref errors);
            return null;
        }

        var text = Unescaped(ref reader, scratch);
        if (Rfc3339.TryParseUtc(text.IsEmpty ? Encoding.UTF8.GetBytes(reader.GetString()!) : text, out var utc))
        {
            return utc; // (the allocating branch is only for escapes longer than the scratch: never in practice)
        }

        errors.Add(
            RejectionReason.Schema,
            $"{field}: {DetailText.Quote(reader.GetString()!)} is not an RFC 3339 timestamp with an offset or Z (e.g. 2026-11-23T08:15:02.120Z)");
        return null;
    }

    /// <summary>A price in USD, optional (null counts as absent), never negative.</summary>
    public static decimal? Price(ref Utf8JsonReader reader, string field, ref DecodeErrors errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            WrongType(ref reader, field, "a number", ref errors);
            return null;
        }

        if (!TryPlainDecimal(reader.ValueSpan, out var price) && !reader.TryGetDecimal(out price))
        {
            errors.Add(RejectionReason.Schema, $"{field}: {Encoding.UTF8.GetString(reader.ValueSpan)} is out of range for a price");
            return null;
        }

        if (price < 0)
        {
            errors.Add(RejectionReason.Schema, $"{field}: {price.ToString(System.Globalization.CultureInfo.InvariantCulture)} is negative; a price must be ≥ 0");
        }

        return price;
    }

    /// <summary>
    /// The usual price, at most 18 digits with an optional fraction and no sign or exponent, read directly
    /// (<see cref="Utf8JsonReader.TryGetDecimal"/> is the slow part of a decode otherwise) with the same value and scale: the reader keeps
    /// trailing zeros too. The reader has already checked the number's syntax; anything else returns false.
    /// </summary>
    internal static bool TryPlainDecimal(ReadOnlySpan<byte> number, out decimal value)
    {
        value = 0;
        var point = number.IndexOf((byte)'.');
        if (number.Length - (point < 0 ? 0 : 1) > 18)
        {
            return false;
        }

        ulong mantissa = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var digit = (uint)(number[i] - '0');
            if (i != point && digit > 9)
            {
                return false;
            }

            mantissa = i == point ? mantissa : (mantissa * 10) + digit;
        }

        var scale = point < 0 ? 0 : number.Length - point - 1;
        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, false, (byte)scale);
        return true;
    }
}
