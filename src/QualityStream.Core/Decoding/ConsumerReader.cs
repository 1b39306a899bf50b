using System.Text.Json;
using QualityStream.Core.Events;

namespace QualityStream.Core.Decoding;

/// <summary>Reads the <c>consumer</c> object of a delivery; every field is optional, null counts as absent.</summary>
internal static class ConsumerReader
{
    public static Consumer? Read(ref Utf8JsonReader reader, ref DecodeErrors errors)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonFields.WrongType(ref reader, "consumer", "an object", ref errors);
            return null;
        }

        string? firstName = null, lastName = null, phone = null, email = null, postalCode = null, state = null, country = null;
        var scratchBuffer = default(JsonFields.Scratch);
        Span<byte> scratch = scratchBuffer;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonFields.Unescaped(ref reader, scratch);
            if (name.SequenceEqual("firstName"u8))
            {
                reader.Read();
                firstName = JsonFields.OptionalString(ref reader, "consumer.firstName", ref errors);
            }
            else if (name.SequenceEqual("lastName"u8))
            {
                reader.Read();
                lastName = JsonFields.OptionalString(ref reader, "consumer.lastName", ref errors);
            }
            else if (name.SequenceEqual("phone"u8))
            {
                reader.Read();
                phone = JsonFields.OptionalString(ref reader, "consumer.phone", ref errors);
            }
            else if (name.SequenceEqual("email"u8))
            {
                reader.Read();
                email = JsonFields.OptionalString(ref reader, "consumer.email", ref errors);
            }
            else if (name.SequenceEqual("postalCode"u8))
            {
                reader.Read();
                postalCode = JsonFields.OptionalString(ref reader, "consumer.postalCode", ref errors);
            }
            else if (name.SequenceEqual("state"u8))
            {
                reader.Read();
                state = Code(ref reader, scratch, "consumer.state", ref errors);
            }
            else if (name.SequenceEqual("country"u8))
            {
                reader.Read();
                country = Code(ref reader, scratch, "consumer.country", ref errors);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new Consumer(firstName, lastName, phone, email, postalCode, state, country);
    }

    /// <summary>A string field whose usual values are two-letter codes, shared instead of allocated.</summary>
    private static string? Code(ref Utf8JsonReader reader, scoped Span<byte> scratch, string field, ref DecodeErrors errors) =>
        (reader.TokenType == JsonTokenType.String ? TwoLetterCodes.Get(JsonFields.Unescaped(ref reader, scratch)) : null)
        ?? JsonFields.OptionalString(ref reader, field, ref errors);
}
