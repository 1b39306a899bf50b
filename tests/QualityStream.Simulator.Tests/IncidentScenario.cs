using QualityStream.Simulator.Incidents;

namespace QualityStream.Simulator.Tests;

/// <summary>
/// One 8-minute run (50 leads/s) with all four incidents between minute 2 and 5, then two weeks of clock
/// so every planned piece of feedback arrives. Shared by the incident tests: generating it once keeps them quick.
/// </summary>
public sealed class IncidentScenario
{
    public static readonly TimeSpan From = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan To = TimeSpan.FromMinutes(5);

    public IncidentScenario()
    {
        IncidentSpec Spec(IncidentKind kind, double rate) => new() { Kind = kind, StartAfter = From, Duration = To - From, Rate = rate };
        Traffic = new Traffic(Traffic.Options(
                Spec(IncidentKind.BadPhones, 0.40),
                Spec(IncidentKind.DuplicateStorm, 0.30),
                Spec(IncidentKind.ContactCollapse, 0.10),
                Spec(IncidentKind.ReturnBurst, 0.40)))
            .Run(960, 25, TimeSpan.FromMilliseconds(500))
            .Drain(TimeSpan.FromDays(14), TimeSpan.FromMinutes(30));
        var leads = Traffic.Deliveries.ToDictionary(d => d.Get("leadId"));
        Leads = [.. leads.Values];
        FeedbackByLead = Traffic.Feedback.ToLookup(f => f.Get("leadId"));
    }

    internal Traffic Traffic { get; }

    internal List<Emitted> Leads { get; }

    internal ILookup<string, Emitted> FeedbackByLead { get; }

    internal ActiveIncident Incident(IncidentKind kind) => Traffic.Generator.Incidents.Single(i => i.Kind == kind);

    internal static bool During(Emitted lead) =>
        lead.Message.Timestamp >= Traffic.Start + From && lead.Message.Timestamp < Traffic.Start + To;

    internal (List<Emitted> During, List<Emitted> Outside) Split(Func<Emitted, bool> cell)
    {
        var inCell = Leads.Where(cell).ToList();
        return (inCell.Where(During).ToList(), inCell.Where(l => !During(l)).ToList());
    }

    internal static double Rate(List<Emitted> leads, Func<Emitted, bool> counted) => leads.Count(counted) / (double)leads.Count;
}
