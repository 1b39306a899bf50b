using System.Text;

namespace QualityStream.Harness.Traffic;

/// <summary>
/// Contract-valid background traffic for 200 buyers × 50 sources from precomputed templates: half deliveries, half
/// feedback on one of the buyer's 64 most recent leads (so the delivery is always earlier in the same partition pair).
/// About 3% invalid phones, 2% missing names, 2% returning consumers (duplicates); feedback is 70% contact attempts
/// (55% contacted), 8% returns, 22% conversions. Buyer b is written to partition b mod <c>partitions</c>, both topics.
/// </summary>
public sealed class TrafficModel
{
    public const int Buyers = 200;
    public const int Sources = 50;
    private const int Ring = 64;
    private static readonly string[] Verticals = ["auto_insurance", "health_insurance", "mortgage", "legal"];

    private readonly Random _random;
    private readonly int _partitions;
    private readonly byte[][] _keys;
    private readonly DeliveryTemplate[] _valid;
    private readonly DeliveryTemplate[] _missingName;
    private readonly FeedbackTemplate[] _contact;
    private readonly FeedbackTemplate[] _returns;
    private readonly FeedbackTemplate _conversion;
    private readonly long[,] _recentLeads = new long[Buyers, Ring];
    private readonly long[,] _recentConsumers = new long[Buyers, Ring];
    private readonly int[] _recentCount = new int[Buyers];
    private long _events;
    private long _leads;
    private long _consumers;

    public TrafficModel(int partitions, int seed = 7, long firstId = 1)
    {
        _random = new Random(seed);
        _partitions = partitions;
        _events = _leads = _consumers = firstId;
        _keys = [.. Enumerable.Range(0, Buyers).Select(b => Encoding.UTF8.GetBytes($"buyer-{b:000}"))];
        _valid = [.. Persona.Valid.SelectMany(p => Verticals.Select(v => new DeliveryTemplate("buyer-", 3, "source-", 2, p, v)))];
        _missingName = [.. Verticals.Select(v => new DeliveryTemplate("buyer-", 3, "source-", 2, Persona.MissingName, v))];
        _contact =
        [
            new("buyer-", 3, "contact_attempt", "\"outcome\":\"contacted\""),
            new("buyer-", 3, "contact_attempt", "\"outcome\":\"no_answer\""),
            new("buyer-", 3, "contact_attempt", "\"outcome\":\"voicemail\""),
        ];
        _returns =
        [
            new("buyer-", 3, "return", "\"reason\":\"invalid_phone\""),
            new("buyer-", 3, "return", "\"reason\":\"no_contact\""),
            new("buyer-", 3, "return", "\"reason\":\"duplicate\""),
        ];
        _conversion = new FeedbackTemplate("buyer-", 3, "conversion", "");
    }

    public long Generated => _events - 1;

    public int PartitionOf(int buyer) => buyer % _partitions;

    public TrafficEvent Next(long unixMs)
    {
        var buyer = _random.Next(Buyers);
        var known = _recentCount[buyer];
        return known == 0 || _random.NextDouble() < 0.5 ? Delivery(buyer, unixMs) : Feedback(buyer, known, unixMs);
    }

    private TrafficEvent Delivery(int buyer, long unixMs)
    {
        var roll = _random.NextDouble();
        var known = _recentCount[buyer];
        // A returning consumer reuses the phone and email of one of this buyer's recent leads.
        var consumer = roll < 0.02 && known > 0 ? _recentConsumers[buyer, _random.Next(Math.Min(known, Ring))] : _consumers++;
        var template = roll is >= 0.02 and < 0.04 ? _missingName[_random.Next(_missingName.Length)] : _valid[_random.Next(_valid.Length)];
        var lead = _leads++;
        var value = template.Fill(_events++, lead, buyer, _random.Next(Sources), unixMs, consumer, invalidPhone: roll is >= 0.04 and < 0.07);
        var slot = known % Ring;
        _recentLeads[buyer, slot] = lead;
        _recentConsumers[buyer, slot] = consumer;
        _recentCount[buyer] = known + 1;
        return new TrafficEvent(true, PartitionOf(buyer), _keys[buyer], value, unixMs);
    }

    private TrafficEvent Feedback(int buyer, int known, long unixMs)
    {
        var lead = _recentLeads[buyer, _random.Next(Math.Min(known, Ring))];
        var roll = _random.NextDouble();
        var template = roll switch
        {
            < 0.70 => _contact[_random.NextDouble() switch { < 0.55 => 0, < 0.85 => 1, _ => 2 }],
            < 0.78 => _returns[_random.Next(_returns.Length)],
            _ => _conversion,
        };
        return new TrafficEvent(false, PartitionOf(buyer), _keys[buyer], template.Fill(_events++, lead, buyer, unixMs), unixMs);
    }
}
