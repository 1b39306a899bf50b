using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using QualityStream.Simulator.Feedback;
using QualityStream.Simulator.People;

namespace QualityStream.Simulator.Output;

/// <summary>Writes events exactly as docs/contract.md §2 spells them: camelCase, RFC 3339 UTC timestamps with Z, absent optionals omitted.</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "Utf8JsonWriter over an ArrayBufferWriter holds no unmanaged resource; Dispose would only flush.")]
internal sealed class EventWriter
{
    private readonly ArrayBufferWriter<byte> buffer = new(512);
    private readonly Utf8JsonWriter writer;

    // The default encoder writes '+' as \u002B; phones read better, and the values never go into HTML from here.
    public EventWriter() => writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public byte[] Delivery(DeliveryFields d, Corruption corruption)
    {
        Begin();
        writer.WriteString("eventId", d.EventId);
        writer.WriteString("leadId", corruption == Corruption.InvalidId ? d.LeadId + " #2" : d.LeadId);
        writer.WriteString("buyerId", d.BuyerId);
        writer.WriteString("sourceId", d.SourceId);
        writer.WriteString("vertical", d.Vertical);
        WriteTime("deliveredAt", corruption == Corruption.FutureTimestamp ? d.DeliveredAt.AddHours(1) : d.DeliveredAt);
        writer.WriteNumber("price", d.Price);
        if (corruption != Corruption.MissingField)
        {
            WriteConsumer(d.Consumer);
        }

        return End(corruption);
    }

    public byte[] Feedback(string eventId, PendingFeedback f)
    {
        Begin();
        writer.WriteString("eventId", eventId);
        writer.WriteString("leadId", f.LeadId);
        writer.WriteString("buyerId", f.BuyerId);
        writer.WriteString("type", f.Kind switch
        {
            FeedbackKind.ContactAttempt => "contact_attempt",
            FeedbackKind.Return => "return",
            _ => "conversion",
        });
        WriteTime("occurredAt", f.At);
        if (f.Code is not null)
        {
            writer.WriteString(f.Kind == FeedbackKind.Return ? "reason" : "outcome", f.Code);
        }

        return End(Corruption.None);
    }

    private void WriteConsumer(SimConsumer c)
    {
        writer.WriteStartObject("consumer");
        WriteOptional("firstName", c.FirstName);
        WriteOptional("lastName", c.LastName);
        WriteOptional("phone", c.Phone);
        WriteOptional("email", c.Email);
        WriteOptional("postalCode", c.PostalCode);
        writer.WriteString("state", c.State);
        writer.WriteString("country", SimConsumer.Country);
        writer.WriteEndObject();
    }

    private void WriteOptional(string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private void WriteTime(string name, DateTimeOffset at)
    {
        Span<char> text = stackalloc char[24];
        at.UtcDateTime.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..written]);
    }

    private void Begin()
    {
        buffer.ResetWrittenCount();
        writer.Reset();
        writer.WriteStartObject();
    }

    private byte[] End(Corruption corruption)
    {
        writer.WriteEndObject();
        writer.Flush();
        var json = buffer.WrittenSpan;
        // Cut mid-document: what a crashed producer or a bad proxy leaves behind.
        return corruption == Corruption.MalformedJson ? json[..(json.Length / 2)].ToArray() : json.ToArray();
    }
}
