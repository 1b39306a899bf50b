using System.Text.Json;
using QualityStream.Core.Events;

namespace QualityStream.Core.Decoding;

/// <summary>Reads the members of a LeadDelivered object (the reader stands on its StartObject).</summary>
internal static class DeliveryReader
{
    public static LeadDelivered? Read(ref Utf8JsonReader reader, ref DecodeErrors errors)
    {
        string? eventId = null, leadId = null, buyerId = null, sourceId = null;
        var vertical = Verticals.Default;
        DateTimeOffset? deliveredAt = null;
        decimal? price = null;
        Consumer? consumer = null;
        bool hasDeliveredAt = false, hasConsumer = false;

        var scratchBuffer = default(JsonFields.Scratch);
        Span<byte> scratch = scratchBuffer;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonFields.Unescaped(ref reader, scratch);
            if (name.SequenceEqual("eventId"u8))
            {
                reader.Read();
                eventId = JsonFields.Id(ref reader, "eventId", ref errors) ?? "";
            }
            else if (name.SequenceEqual("leadId"u8))
            {
                reader.Read();
                leadId = JsonFields.Id(ref reader, "leadId", ref errors) ?? "";
            }
            else if (name.SequenceEqual("buyerId"u8))
            {
                reader.Read();
                buyerId = JsonFields.Id(ref reader, "buyerId", ref errors) ?? "";
            }
            else if (name.SequenceEqual("sourceId"u8))
            {
                reader.Read();
                sourceId = JsonFields.Id(ref reader, "sourceId", ref errors) ?? "";
            }
            else if (name.SequenceEqual("vertical"u8))
            {
                reader.Read();
                vertical = Verticals.Read(ref reader, scratch, ref errors);
            }
            else if (name.SequenceEqual("deliveredAt"u8))
            {
                reader.Read();
                hasDeliveredAt = true;
                deliveredAt = JsonFields.Timestamp(ref reader, scratch, "deliveredAt", ref errors);
            }
            else if (name.SequenceEqual("price"u8))
            {
                reader.Read();
                price = JsonFields.Price(ref reader, "price", ref errors);
            }
            else if (name.SequenceEqual("consumer"u8))
            {
                reader.Read();
                hasConsumer = true;
                consumer = ConsumerReader.Read(ref reader, ref errors);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // A present field of the wrong type was already reported; only truly absent ones are "missing".
        RequirePresent(eventId is not null, "eventId", ref errors);
        RequirePresent(leadId is not null, "leadId", ref errors);
        RequirePresent(buyerId is not null, "buyerId", ref errors);
        RequirePresent(sourceId is not null, "sourceId", ref errors);
        RequirePresent(hasDeliveredAt, "deliveredAt", ref errors);
        RequirePresent(hasConsumer, "consumer", ref errors);

        return errors.Any
            ? null
            : new LeadDelivered(eventId!, leadId!, buyerId!, sourceId!, vertical, deliveredAt!.Value, price, consumer!);
    }

    internal static void RequirePresent(bool present, string field, ref DecodeErrors errors)
    {
        if (!present)
        {
            JsonFields.Missing(field, ref errors);
        }
    }
}
