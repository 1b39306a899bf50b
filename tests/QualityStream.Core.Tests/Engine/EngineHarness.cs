using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>An engine on a fake clock, with terse helpers to feed it leads and feedback "now".</summary>
internal sealed class EngineHarness
{
    private int _n;

    public EngineHarness(QualityEngineOptions? options = null)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
        Engine = new QualityEngine(options ?? new QualityEngineOptions(), Clock);
    }

    public FakeTimeProvider Clock { get; }

    public QualityEngine Engine { get; }

    public List<QualityStateChanged> Changes { get; } = [];

    /// <summary>
    /// Validity levels warn 0.90, breach 0.80, clear 0.95. Without confidence unless asked, so a spec of the state rules
    /// can cross a level with a handful of leads; the confidence rule has its own specs.
    /// </summary>
    public static Threshold Validity(int minSample = 10, int pendingSeconds = 0, string window = "1h", double confidence = 0) =>
        new(window, 0.90, 0.80, 0.95, minSample, pendingSeconds, confidence);

    public void SetThreshold(Metric metric, Threshold threshold, string scope = "default")
    {
        Engine.SetThresholds(new ThresholdSet(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>
        {
            [metric] = new Dictionary<string, Threshold> { [scope] = threshold },
        }));
        Collect();
    }

    /// <summary>Delivers leads now: <paramref name="valid"/> valid ones, then <paramref name="invalid"/> invalid ones.</summary>
    public List<string> Deliver(int valid, int invalid = 0, string buyer = "acme-auto", string source = "fb-camp-7", string vertical = "auto_insurance")
    {
        var ids = new List<string>();
        for (var i = 0; i < valid + invalid; i++)
        {
            var id = $"L-{++_n}";
            ids.Add(id);
            var lead = new LeadDelivered($"d-{_n}", id, buyer, source, vertical, Clock.GetUtcNow(), 40m,
                new Consumer("Ana", "Diaz", null, null, "78701", "TX", "US"));
            Engine.Apply(new InspectedLead(lead, i < valid ? ValidityIssues.None : ValidityIssues.InvalidPhone, 0, 0));
        }

        Collect();
        return ids;
    }

    public ApplyResult Feedback(string leadId, FeedbackType type, ContactOutcome? outcome = null, ReturnReason? reason = null, string buyer = "acme-auto", string? eventId = null)
    {
        var result = Engine.Apply(new BuyerFeedback(eventId ?? $"f-{++_n}", leadId, buyer, type, Clock.GetUtcNow(), outcome, reason));
        Collect();
        return result;
    }

    public void Wait(TimeSpan span)
    {
        Clock.Advance(span);
        Engine.AdvanceTime(Clock.GetUtcNow());
        Collect();
    }

    public MetricSnapshot Metric(Metric metric, string scope = "buyer", string window = "1h", string buyer = "acme-auto", string? source = null) =>
        Engine.Snapshot(new SnapshotFilter(Scope: scope, Window: window))
            .Cells.Single(c => (scope == "source" || c.BuyerId == buyer) && (source is null || c.SourceId == source))
            .Metrics[metric.Code()];

    private void Collect() => Engine.DrainStateChanges(Changes);
}
