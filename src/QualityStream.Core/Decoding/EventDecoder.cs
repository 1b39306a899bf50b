using System.Text.Json;
using QualityStream.Core.Events;

namespace QualityStream.Core.Decoding;

/// <summary>
/// Turns raw Kafka values into events or precise rejections (docs/contract.md §1, §2, §6), reading UTF-8 directly
/// with <see cref="Utf8JsonReader"/>: the only allocations on success are the strings and records of the event.
/// Size is checked first, then syntax (the whole document is always read), then schema, ids and time.
/// Unknown members are ignored; when a member appears twice, the last one wins.
/// </summary>
public sealed class EventDecoder(TimeProvider time, TimeSpan? maxFutureSkew = null)
{
    public const int MaxEventBytes = 64 * 1024;

    private static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private readonly TimeSpan _maxFutureSkew = maxFutureSkew ?? DefaultMaxFutureSkew;

    private long _lastNowTicks; // UTC ticks of the latest clock reading; 0 (year 1) before the first

    private delegate T? MemberReader<T>(ref Utf8JsonReader reader, ref DecodeErrors errors);

    public DecodeResult<LeadDelivered> DecodeDelivery(ReadOnlySpan<byte> utf8) =>
        Decode(utf8, DeliveryReader.Read, "deliveredAt", static lead => lead.DeliveredAt);

    public DecodeResult<BuyerFeedback> DecodeFeedback(ReadOnlySpan<byte> utf8) =>
        Decode(utf8, FeedbackReader.Read, "occurredAt", static feedback => feedback.OccurredAt);

    // Method groups of static methods and static lambdas are cached delegates: no allocation per call.
    private DecodeResult<T> Decode<T>(ReadOnlySpan<byte> utf8, MemberReader<T> members, string timeField, Func<T, DateTimeOffset> timeOf)
        where T : class
    {
        if (Unreadable<T>(utf8, out var rejected))
        {
            return rejected;
        }

        var errors = default(DecodeErrors);
        T? decoded;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!StartObject(ref reader, out var problem))
            {
                return DecodeResult.Reject<T>(RejectionReason.MalformedJson, problem);
            }

            decoded = members(ref reader, ref errors);
            EndOfInput(ref reader);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Malformed<T>(ex);
        }

        return decoded is null ? errors.ToResult<T>()
            : InFuture(timeField, timeOf(decoded)) is { } future ? DecodeResult.Reject<T>(RejectionReason.FutureTimestamp, future)
            : DecodeResult.Ok(decoded);
    }

    /// <summary>
    /// Too large, or not UTF-8 (which JSON must be, RFC 8259 §8.1). The reader checks UTF-8 only in the strings
    /// it decodes, not in members it skips; one vectorised pass over the input is cheaper than guessing.
    /// Nearly every event is all ASCII, which is valid UTF-8 and checked faster, so that test goes first.
    /// </summary>
    private static bool Unreadable<T>(ReadOnlySpan<byte> utf8, out DecodeResult<T> rejected) where T : class
    {
        rejected = utf8.Length > MaxEventBytes
            ? DecodeResult.Reject<T>(RejectionReason.TooLarge, $"event is {utf8.Length} bytes; the limit is {MaxEventBytes} (64 KiB)")
            : !System.Text.Ascii.IsValid(utf8) && !System.Text.Unicode.Utf8.IsValid(utf8)
                ? DecodeResult.Reject<T>(RejectionReason.MalformedJson, "not JSON: the input is not valid UTF-8")
                : default;
        return rejected.Detail is not null;
    }

    private static bool StartObject(ref Utf8JsonReader reader, out string problem)
    {
        problem = "";
        if (!reader.Read())
        {
            problem = "not JSON: the input is empty";
            return false;
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        problem = $"expected a JSON object at the top level, got {DetailText.TokenName(reader.TokenType)}";
        return false;
    }

    // The reader throws on anything but whitespace after the top-level value: trailing garbage is malformed.
    private static void EndOfInput(ref Utf8JsonReader reader) => reader.Read();

    // The reader throws JsonException for bad syntax, and InvalidOperationException when a string it is asked
    // to decode holds an escaped lone surrogate (our code only asks for values of the token type it checked).
    private static DecodeResult<T> Malformed<T>(Exception ex) where T : class =>
        DecodeResult.Reject<T>(RejectionReason.MalformedJson, $"not JSON: {ex.Message}");

    private string? InFuture(string field, DateTimeOffset at)
    {
        // Reading the clock costs a noticeable share of a decode. The clock only moves forward, so an event not too far
        // ahead of an earlier reading is not too far ahead of now either; only one that looks ahead of it pays
        // for a fresh reading. (Were the wall clock stepped back by d, events up to d further ahead would pass
        // until the next fresh reading.)
        if (at.UtcTicks - Volatile.Read(ref _lastNowTicks) <= _maxFutureSkew.Ticks)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        Volatile.Write(ref _lastNowTicks, now.UtcTicks);
        var ahead = at - now;
        return ahead > _maxFutureSkew
            ? $"{field}: {DetailText.Timestamp(at)} is {DetailText.Duration(ahead)} in the future (limit {DetailText.Duration(_maxFutureSkew)})"
            : null;
    }
}
