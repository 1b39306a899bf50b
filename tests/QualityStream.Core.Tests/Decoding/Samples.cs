using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Decoding;

namespace QualityStream.Core.Tests.Decoding;

/// <summary>Contract example events, editable per test, and a decoder whose clock stands at a known instant.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public const string Delivery = """
        { "eventId": "d-000123", "leadId": "L-98765", "buyerId": "acme-auto", "sourceId": "fb-camp-7",
          "vertical": "auto_insurance", "deliveredAt": "2026-11-23T08:15:02.120Z", "price": 42.5,
          "consumer": { "firstName": "Ana", "lastName": "Diaz", "phone": "+15125550143",
                        "email": "ana@example.com", "postalCode": "78701", "state": "TX", "country": "US" } }
        """;

    public const string ContactAttempt = """
        { "eventId": "f-000456", "leadId": "L-98765", "buyerId": "acme-auto",
          "type": "contact_attempt", "occurredAt": "2026-11-23T08:16:40Z", "outcome": "contacted" }
        """;

    public const string Return = """
        { "eventId": "f-000457", "leadId": "L-98765", "buyerId": "acme-auto",
          "type": "return", "occurredAt": "2026-11-24T10:00:00+02:00", "reason": "invalid_phone" }
        """;

    public const string Conversion = """
        { "eventId": "f-000458", "leadId": "L-98765", "buyerId": "acme-auto",
          "type": "conversion", "occurredAt": "2026-11-23T12:00:00Z" }
        """;

    public static EventDecoder Decoder(TimeSpan? skew = null) => new(new FakeTimeProvider(Now), skew);

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>The sample with one member (path "a" or "a.b") replaced by raw JSON, or removed when json is null.</summary>
    public static byte[] With(string sample, string path, string? json)
    {
        var root = JsonNode.Parse(sample)!.AsObject();
        var parts = path.Split('.');
        var owner = parts.Length == 1 ? root : root[parts[0]]!.AsObject();
        if (json is null)
        {
            owner.Remove(parts[^1]);
        }
        else
        {
            owner[parts[^1]] = JsonNode.Parse(json);
        }

        return Utf8(root.ToJsonString());
    }
}
