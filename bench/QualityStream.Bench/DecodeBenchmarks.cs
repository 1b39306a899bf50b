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

    private const int MixSize = 4096;

    private readonly EventDecoder _decoder = new(TimeProvider.System);

    private byte[][] _varied = [];
    private (byte[] Json, bool IsDelivery)[] _mix = [];
    private int _next;

    /// <summary>
    /// Deliveries as a worker sees them rather than one input replayed: unique event and lead ids, 200 buyers ×
    /// 50 sources (the harness's traffic) and varied consumers, so neither a cache keyed by value nor the branch
    /// predictor learning one input can flatter the figure.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] first = ["Ana", "José", "Li", "Mary-Kate", "Olu", "Wei"], last = ["Diaz", "Nguyen", "O'Brien", "Smith", "Okafor"];
        var random = new Random(20261124);
        var template = Encoding.UTF8.GetString(Delivery);
        _varied = new byte[4096][];
        for (var i = 0; i < _varied.Length; i++)
        {
            var json = template
                .Replace("d-000123", $"d-{i:D6}", StringComparison.Ordinal)
                .Replace("L-98765", $"L-{random.Next(10_000_000):D7}", StringComparison.Ordinal)
                .Replace("acme-auto", $"buyer-{random.Next(200)}", StringComparison.Ordinal)
                .Replace("fb-camp-7", $"src-{random.Next(50)}", StringComparison.Ordinal)
                .Replace("Ana", first[random.Next(first.Length)], StringComparison.Ordinal)
                .Replace("Diaz", last[random.Next(last.Length)], StringComparison.Ordinal)
                .Replace("+15125550143", $"+1512555{random.Next(10_000):D4}", StringComparison.Ordinal)
                .Replace("ana@example.com", $"c{random.Next(1_000_000)}@example.com", StringComparison.Ordinal);
            _varied[i] = Encoding.UTF8.GetBytes(json);
            if (!_decoder.DecodeDelivery(_varied[i]).IsSuccess)
            {
                throw new InvalidOperationException($"a varied delivery must decode, or the benchmark measures a rejection: {json}");
            }
        }

        _mix = BuildMix(random);
    }

    /// <summary>
    /// The engine benchmark's event mix (<see cref="EngineWorkload"/>) as contract JSON: every other event a varied
    /// delivery, the rest feedback on one of them (70 % contact attempts, 4 % returns, 26 % conversions).
    /// </summary>
    private (byte[] Json, bool IsDelivery)[] BuildMix(Random random)
    {
        var mix = new (byte[], bool)[MixSize];
        for (var i = 0; i < mix.Length; i++)
        {
            if (i % 2 == 0)
            {
                mix[i] = (_varied[i / 2], true);
                continue;
            }

            var lead = _decoder.DecodeDelivery(_varied[random.Next(i / 2 + 1)]).Event!;
            var head = $"{{\"eventId\":\"f-{i:D6}\",\"leadId\":\"{lead.LeadId}\",\"buyerId\":\"{lead.BuyerId}\",";
            var roll = random.NextDouble();
            var json = head + (roll switch
            {
                < 0.7 => $"\"type\":\"contact_attempt\",\"occurredAt\":\"2026-11-23T08:16:40Z\",\"outcome\":\"{(random.NextDouble() < 0.55 ? "contacted" : "no_answer")}\"}}",
                < 0.74 => "\"type\":\"return\",\"occurredAt\":\"2026-11-24T10:00:00+02:00\",\"reason\":\"invalid_phone\"}",
                _ => "\"type\":\"conversion\",\"occurredAt\":\"2026-11-24T12:00:00Z\"}",
            });
            mix[i] = (Encoding.UTF8.GetBytes(json), false);
            if (!_decoder.DecodeFeedback(mix[i].Item1).IsSuccess)
            {
                throw new InvalidOperationException($"mixed feedback must decode, or the benchmark measures a rejection: {json}");
            }
        }

        return mix;
    }

    [Benchmark(Baseline = true, Description = "DecodeDelivery (285 B)")]
    public LeadDelivered? DecodeDelivery() => _decoder.DecodeDelivery(Delivery).Event;

    [Benchmark]
    public LeadDelivered? DecodeDelivery_Varied() => _decoder.DecodeDelivery(_varied[_next++ & (4096 - 1)]).Event;

    /// <summary>
    /// Per event of the stream the engine benchmark applies (half deliveries, half feedback), which is how the issue
    /// states both targets: the engine at ≥ 1 M events/s, and decoding "adds ≤ 500 ns/event" to it.
    /// </summary>
    [Benchmark(OperationsPerInvoke = MixSize)]
    public int DecodeEvent_Mix()
    {
        var decoded = 0;
        foreach (var (json, isDelivery) in _mix)
        {
            decoded += isDelivery ? (_decoder.DecodeDelivery(json).IsSuccess ? 1 : 0) : (_decoder.DecodeFeedback(json).IsSuccess ? 1 : 0);
        }

        return decoded;
    }

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
