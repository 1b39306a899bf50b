using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using QualityStream.Core.Decoding;
using QualityStream.Core.Events;

namespace QualityStream.Bench;

/// <summary>Decoding contract-shaped events from UTF-8 (target ≤ 500 ns an event); allocations are the event's strings and records.</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private static readonly byte[] Delivery = Encoding.UTF8.GetBytes(
        """{"eventId":"d-000123","leadId":"L-98765","buyerId":"acme-auto","sourceId":"fb-camp-7","vertical":"auto_insurance","deliveredAt":"2026-11-23T08:15:02.120Z","price":42.5,"consumer":{"firstName":"Ana","lastName":"Diaz","phone":"+15125550143","email":"ana@example.com","postalCode":"78701","state":"TX","country":"US"}}""");

    private static readonly byte[] ContactAttempt = Encoding.UTF8.GetBytes(
        """{"eventId":"f-000456","leadId":"L-98765","buyerId":"acme-auto","type":"contact_attempt","occurredAt":"2026-11-23T08:16:40Z","outcome":"contacted"}""");

    private static readonly byte[] Return = Encoding.UTF8.GetBytes(
        """{"eventId":"f-000457","leadId":"L-98765","buyerId":"acme-auto","type":"return","occurredAt":"2026-11-24T10:00:00+02:00","reason":"invalid_phone"}""");

    private static readonly byte[] InvalidId = Encoding.UTF8.GetBytes(
        """{"eventId":"d-000123","leadId":"L-98765","buyerId":"acme auto","sourceId":"fb-camp-7","deliveredAt":"2026-11-23T08:15:02.120Z","consumer":{}}""");

    private readonly EventDecoder _decoder = new(TimeProvider.System);

    [Benchmark(Baseline = true, Description = "DecodeDelivery (285 B)")]
    public LeadDelivered? DecodeDelivery() => _decoder.DecodeDelivery(Delivery).Event;

    [Benchmark]
    public BuyerFeedback? DecodeFeedback_ContactAttempt() => _decoder.DecodeFeedback(ContactAttempt).Event;

    [Benchmark]
    public BuyerFeedback? DecodeFeedback_Return() => _decoder.DecodeFeedback(Return).Event;

    [Benchmark]
    public string? DecodeDelivery_InvalidId() => _decoder.DecodeDelivery(InvalidId).Detail;

    /// <summary>The floor under DecodeDelivery: Utf8JsonReader reading every token of the delivery and nothing else.</summary>
    [Benchmark]
    public int ReaderOnly_Delivery()
    {
        var reader = new Utf8JsonReader(Delivery);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }
}
