using Consumer = QualityStream.Worker.Tests.Durability.Traffic.EventJson.Consumer;

namespace QualityStream.Worker.Tests.Durability.Traffic;

/// <summary>
/// Builds a <see cref="TrafficPlan"/> from one seed: ordinary leads (some invalid, some repeating a consumer the buyer
/// already had), their contact attempts, returns and conversions one to a dozen seconds later, about 1 % of all events
/// sent a second time, leads of a day before whose returns come late, and the scripted incidents. Feedback always
/// comes in a later second than its lead, so the merge never has to choose between a lead and its own feedback.
/// </summary>
internal sealed class TrafficGenerator
{
    private const double ResendChance = 0.01;
    private static readonly string[] Misses = ["no_answer", "voicemail", "wrong_number", "disconnected"];
    private static readonly string[] ReturnReasons =
        ["invalid_phone", "invalid_email", "duplicate", "filter_mismatch", "geographic_error", "no_contact", "not_converted", "consumer_misrepresented", "changed_circumstances", "moved_away"];

    // Exchanges libphonenumber accepts for a US number: not starting with 0 or 1, not N11, not 555.
    private static readonly int[] Exchanges = [.. Enumerable.Range(200, 800).Where(e => e % 100 != 11 && e != 555)];

    private readonly Random _random;
    private readonly TrafficShape _shape;
    private readonly DateTimeOffset _start;
    private readonly Audience _audience;
    private readonly string[] _buyers;
    private readonly Dictionary<string, List<Consumer>> _consumers = new(StringComparer.Ordinal);
    private readonly List<Due>[] _due;
    private long _leads;
    private long _feedback;
    private long _people;

    public TrafficGenerator(int seed, TrafficShape shape, DateTimeOffset start)
    {
        // Its own stream of numbers: the audience takes the seed's first.
        _random = new Random(unchecked((seed * 31) + 17));
        _shape = shape;
        _start = start;
        Seed = seed;
        _audience = Audience.Of(seed, shape);
        _buyers = [.. _audience.Buyers];
        foreach (var buyer in _buyers)
        {
            _consumers[buyer] = [];
        }

        _due = [.. Enumerable.Range(0, shape.Seconds).Select(_ => new List<Due>())];
    }

    private int Seed { get; }

    public TrafficPlan Generate()
    {
        var batches = new List<TrafficBatch>();
        if (_shape.PrologueLeads > 0)
        {
            batches.Add(Prologue());
        }

        for (var second = 0; second < _shape.Seconds; second++)
        {
            batches.Add(Second(second));
        }

        return new TrafficPlan(Seed, _start, batches);
    }

    private TrafficBatch Prologue()
    {
        var events = new List<PlannedEvent>();
        var at = _start.AddHours(-26);
        for (var i = 0; i < _shape.PrologueLeads; i++)
        {
            var buyer = Pick(_buyers);
            var n = ++_leads;
            var ts = at.AddMilliseconds(i * 10);
            events.Add(new PlannedEvent(true, buyer, EventJson.Delivery(n, buyer, Pick(_audience.SourcesOf(buyer)), "legal", ts, NewConsumer(buyer)), ts));
            if (Chance(0.6))
            {
                Feedback(_random.Next(_shape.Seconds), buyer, n, "return", Pick(ReturnReasons));
            }

            if (Chance(0.3))
            {
                Feedback(_random.Next(_shape.Seconds), buyer, n, "contact_attempt", Chance(0.5) ? "contacted" : Pick(Misses));
            }
        }

        return new TrafficBatch(_start, events);
    }

    private TrafficBatch Second(int second)
    {
        var leads = new List<Lead>();
        var ordinary = _shape.LeadsPerSecond + _random.Next(-_shape.LeadsPerSecond / 10, (_shape.LeadsPerSecond / 10) + 1);
        for (var i = 0; i < ordinary; i++)
        {
            leads.Add(OrdinaryLead(second));
        }

        foreach (var incident in _shape.Incidents)
        {
            leads.AddRange(ScriptedLeads(incident, second));
        }

        Shuffle(leads);
        var events = new List<PlannedEvent>(leads.Count * 2);
        var secondStart = _start.AddSeconds(second);
        for (var i = 0; i < leads.Count; i++)
        {
            var lead = leads[i];
            var ts = secondStart.AddMilliseconds(i * 500.0 / leads.Count);
            var json = EventJson.Delivery(lead.N, lead.BuyerId, lead.SourceId, "auto_insurance", ts, lead.Consumer);
            events.Add(new PlannedEvent(true, lead.BuyerId, json, ts));
            MaybeResend(second, true, lead.BuyerId, json);
        }

        var due = _due[second];
        Shuffle(due);
        for (var j = 0; j < due.Count; j++)
        {
            var ts = secondStart.AddMilliseconds(500 + (j * 500.0 / due.Count));
            var json = due[j].Json ?? due[j].Render!(ts);
            events.Add(new PlannedEvent(due[j].IsDelivery, due[j].BuyerId, json, ts));
            if (due[j].Json is null)
            {
                MaybeResend(second, false, due[j].BuyerId, json);
            }
        }

        // Kafka timestamps in order within the batch: resent deliveries were put among the feedback, so sort once.
        events.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return new TrafficBatch(secondStart.AddSeconds(1), events);
    }

    private Lead OrdinaryLead(int second)
    {
        var buyer = Pick(_buyers);
        var source = Pick(_audience.SourcesOf(buyer));
        var repeat = _shape.Incidents.FirstOrDefault(i => i.Kind == IncidentKind.DuplicateSpike && i.SourceId == source && Within(i, second)) is { } spike
            ? spike.Probability
            : 0.02;
        var lead = new Lead(++_leads, buyer, source, ConsumerFor(buyer, repeat));
        if (Chance(0.6))
        {
            Feedback(second + _random.Next(1, 7), buyer, lead.N, "contact_attempt", Chance(0.55) ? "contacted" : Pick(Misses));
            if (Chance(0.25))
            {
                Feedback(second + _random.Next(3, 11), buyer, lead.N, "contact_attempt", Chance(0.4) ? "contacted" : Pick(Misses));
            }
        }

        var returns = _shape.Incidents.FirstOrDefault(i => i.Kind == IncidentKind.ReturnSpike && i.BuyerId == buyer && Within(i, second)) is { } surge
            ? surge.Probability
            : 0.05;
        if (Chance(returns))
        {
            Feedback(second + _random.Next(2, 9), buyer, lead.N, "return", Pick(ReturnReasons));
        }

        if (Chance(0.05))
        {
            Feedback(second + _random.Next(3, 13), buyer, lead.N, "conversion", null);
        }

        return lead;
    }

    private IEnumerable<Lead> ScriptedLeads(ScriptedIncident incident, int second)
    {
        if (incident.Kind is not (IncidentKind.InvalidStretch or IncidentKind.ContactDrop) || second >= incident.Stops)
        {
            yield break;
        }

        var buyer = incident.BuyerId!;
        for (var i = 0; i < incident.PerSecond; i++)
        {
            var invalid = incident.Kind == IncidentKind.InvalidStretch && Within(incident, second);
            var lead = new Lead(++_leads, buyer, incident.SourceId, invalid ? new Consumer("+10000000000", NewEmail(), true) : NewValidConsumer(buyer));
            if (incident.Kind == IncidentKind.ContactDrop)
            {
                var reached = second < incident.From && Chance(incident.Probability);
                Feedback(second + 2, buyer, lead.N, "contact_attempt", reached ? "contacted" : "no_answer");
            }

            yield return lead;
        }
    }

    private void Feedback(int second, string buyer, long lead, string type, string? detail)
    {
        var n = ++_feedback;
        if (second < _shape.Seconds)
        {
            _due[second].Add(new Due(false, buyer, ts => EventJson.Feedback(n, lead, buyer, type, detail, ts), null));
        }
    }

    /// <summary>The same record again a few seconds later, as a producer retrying after a lost acknowledgement sends it.</summary>
    private void MaybeResend(int second, bool delivery, string buyer, string json)
    {
        var again = second + _random.Next(1, 6);
        if (Chance(ResendChance) && again < _shape.Seconds)
        {
            _due[again].Add(new Due(delivery, buyer, null, json));
        }
    }

    private Consumer ConsumerFor(string buyer, double repeatChance)
    {
        var known = _consumers[buyer];
        if (known.Count > 0 && Chance(repeatChance))
        {
            // Same phone or same email as a consumer this buyer already had, under a new lead.
            var earlier = known[_random.Next(known.Count)];
            return Chance(0.5) ? new Consumer(earlier.Phone, NewEmail(), true) : new Consumer(NewPhone(), earlier.Email, true);
        }

        return NewConsumer(buyer);
    }

    private Consumer NewConsumer(string buyer)
    {
        var roll = _random.NextDouble();
        var consumer = roll < 0.05 ? new Consumer(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+15120{_random.Next(100):00}{_random.Next(10000):0000}"), NewEmail(), true)
            : roll < 0.08 ? new Consumer(NewPhone(), NewEmail(), false)
            : new Consumer(NewPhone(), NewEmail(), true);
        _consumers[buyer].Add(consumer);
        return consumer;
    }

    private Consumer NewValidConsumer(string buyer)
    {
        var consumer = new Consumer(NewPhone(), NewEmail(), true);
        _consumers[buyer].Add(consumer);
        return consumer;
    }

    private string NewPhone()
    {
        var n = _people++;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+1512{Exchanges[(int)(n / 10000 % Exchanges.Length)]}{n % 10000:0000}");
    }

    private string NewEmail() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"c{_people++}@example.com");

    private static bool Within(ScriptedIncident incident, int second) => second >= incident.From && second < incident.Until;

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private sealed record Lead(long N, string BuyerId, string SourceId, Consumer Consumer);

    /// <summary>Feedback due in a second (rendered with the timestamp it gets there), or a record sent again as it was.</summary>
    private sealed record Due(bool IsDelivery, string BuyerId, Func<DateTimeOffset, string>? Render, string? Json);
}
