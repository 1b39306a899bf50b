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
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("firstName"u8))
            {
                reader.Read();
                firstName = JsonFields.OptionalString(ref reader, "consumer.firstName", ref errors);
            }
            else if (reader.ValueTextEquals("lastName"u8))
            {
                reader.Read();
                lastName = JsonFields.OptionalString(ref reader, "consumer.lastName", ref errors);
            }
            else if (reader.ValueTextEquals("phone"u8))
            {
                reader.Read();
                phone = JsonFields.OptionalString(ref reader, "consumer.phone", ref errors);
            }
            else if (reader.ValueTextEquals("email"u8))
            {
                reader.Read();
                email = JsonFields.OptionalString(ref reader, "consumer.email", ref errors);
            }
            else if (reader.ValueTextEquals("postalCode"u8))
            {
                reader.Read();
                postalCode = JsonFields.OptionalString(ref reader, "consumer.postalCode", ref errors);
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                reader.Read();
                state = JsonFields.OptionalString(ref reader, "consumer.state", ref errors);
            }
            else if (reader.ValueTextEquals("country"u8))
            {
                reader.Read();
                country = Country(ref reader, ref errors);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new Consumer(firstName, lastName, phone, email, postalCode, state, country);
    }

    // Most leads come from a handful of countries; sharing their strings saves an allocation per event.
    private static string? Country(ref Utf8JsonReader reader, ref DecodeErrors errors)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("US"u8))
            {
                return "US";
            }

            if (reader.ValueTextEquals("CA"u8))
            {
                return "CA";
            }
        }

        return JsonFields.OptionalString(ref reader, "consumer.country", ref errors);
    }
}
