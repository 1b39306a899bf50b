using System.ComponentModel.DataAnnotations;
using QualityStream.Simulator.Feedback;
using QualityStream.Simulator.Incidents;
using QualityStream.Simulator.Output;
using QualityStream.Simulator.Population;

namespace QualityStream.Simulator;

/// <summary>
/// Generates lead deliveries and the feedback that follows them. Every event is stamped from the injected clock:
/// deliveries spread over the time since the previous call, feedback when its planned time has come, so no event
/// time ever exceeds the clock. Same seed and same clock readings give the same bytes.
/// Not thread-safe: one caller drives it (the runner, a test, a benchmark's set-up).
/// </summary>
public sealed class TrafficGenerator
{
    private readonly SimulatorOptions options;
    private readonly TimeProvider time;
    private readonly Random random;
    private readonly LeadFactory leads;
    private readonly FeedbackPlanner planner;
    private readonly EventWriter writer = new();
    private readonly PriorityQueue<PendingFeedback, (long At, long Seq)> pending = new();
    private long scheduled;
    private long feedbackSeq;
    private DateTimeOffset last;

    public TrafficGenerator(SimulatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        this.options = options;
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        Seed = options.Seed ?? Random.Shared.Next();
        random = new Random(Seed);
        RunId = random.Next(0x100000, 0x1000000).ToString("x6", System.Globalization.CultureInfo.InvariantCulture);
        Market = PopulationBuilder.Build(options, random);
        StartedAt = last = Truncate(time.GetUtcNow());
        Incidents = IncidentResolver.Resolve((IEnumerable<IncidentSpec>?)options.Incidents ?? IncidentScript.Default, Market, StartedAt);
        leads = new LeadFactory(options, Market, Incidents, random, RunId);
        planner = new FeedbackPlanner(random, options.ConversionRate);
    }

    public int Seed { get; }

    /// <summary>Part of every id, so runs without a fixed seed never reuse an eventId or leadId.</summary>
    public string RunId { get; }

    public Market Market { get; }

    public IReadOnlyList<ActiveIncident> Incidents { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Feedback planned but not yet due.</summary>
    public int PendingFeedback => pending.Count;

    /// <summary>
    /// Emits <paramref name="deliveries"/> new leads, spread over the time since the last call, plus all feedback
    /// that has fallen due, in event-time order.
    /// </summary>
    public IReadOnlyList<SimulatedMessage> Next(int deliveries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deliveries);
        var now = Truncate(time.GetUtcNow());
        if (now < last)
        {
            now = last;
        }

        var output = new List<SimulatedMessage>(deliveries + 16);
        var span = now - last;
        for (var i = 1; i <= deliveries; i++)
        {
            var at = Truncate(last + (span * i / deliveries));
            DrainDue(at, output);
            output.Add(leads.Deliver(at, writer, Plan));
        }

        DrainDue(now, output);
        last = now;
        return output;
    }

    private void Plan(LeadFacts lead) => planner.Plan(lead, f => pending.Enqueue(f, (f.At.UtcTicks, scheduled++)));

    private void DrainDue(DateTimeOffset upTo, List<SimulatedMessage> output)
    {
        while (pending.TryPeek(out var next, out _) && next.At <= upTo)
        {
            pending.Dequeue();
            var eventId = $"f-{RunId}-{++feedbackSeq}";
            output.Add(new SimulatedMessage(options.FeedbackTopic, next.BuyerId, writer.Feedback(eventId, next), next.At));
        }
    }

    private static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
