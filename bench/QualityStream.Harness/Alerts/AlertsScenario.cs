using System.Globalization;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Harness.Cli;
using QualityStream.Simulator;
using QualityStream.Simulator.Incidents;

namespace QualityStream.Harness.Alerts;

/// <summary>
/// What threshold confidence buys (docs/contract.md §4): the demo's market and thresholds, at confidence 0 (a level is
/// crossed by the rate alone) and at the default 0.95, on the same traffic.
/// <list type="bullet">
/// <item>Quiet: no injected incident. Every incident opened is counted, and each is checked against its cell's rate
/// over the whole run (the 24h window): one whose whole-run rate is on the good side of the level it crossed was
/// noise, a false incident.</item>
/// <item>Scripted: the demo's incident script. For each scripted incident, how long after it started its first cell
/// opened an incident.</item>
/// </list>
/// </summary>
public static class AlertsScenario
{
    public static ResultLine Run(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var leads = args.Whole("leads", 150_000);
        var seeds = args.Whole("seeds", 3);
        var rate = args.Number("rate", 200);
        Console.WriteLine($"alerts: the demo's market and thresholds at {rate:F0} leads/s, {leads:N0} leads a run, seeds 1..{seeds}; {Machine.Describe()}");

        var result = new ResultLine("alerts");
        var detections = new Dictionary<(int Seed, int Incident, double Confidence), TimeSpan?>();
        foreach (var confidence in new[] { 0.0, ThresholdDefaults.Confidence })
        {
            var (opened, noise, perLeads) = (0, 0, 0L);
            for (var seed = 1; seed <= seeds; seed++)
            {
                var quiet = AlertRun.Go(Market(seed, rate, script: false), confidence, leads);
                var (all, falseOnes) = Quiet(quiet, confidence, seed);
                (opened, noise, perLeads) = (opened + all, noise + falseOnes, perLeads + quiet.Leads);

                var scripted = AlertRun.Go(Market(seed, rate, script: true), confidence, leads);
                for (var i = 0; i < scripted.Generator.Incidents.Count; i++)
                {
                    var incident = scripted.Generator.Incidents[i];
                    var first = scripted.Openings.Where(o => o.At >= incident.Start && Concerns(o, incident)).MinBy(o => o.At);
                    detections[(seed, i, confidence)] = first is null ? null : first.At - incident.Start;
                    Console.WriteLine($"  confidence {confidence:0.00} seed {seed}: {incident.Kind} ({incident.BuyerId ?? "-"} / {incident.SourceId ?? "-"}) " +
                        (first is null ? "NOT detected" : $"detected after {(first.At - incident.Start).TotalSeconds:F0} s at {first.Scope.Code()} {first.To.Code()}"));
                }
            }

            var mine = detections.Where(d => d.Key.Confidence == confidence).Select(d => d.Value).ToList();
            var slowest = mine.Max(d => d ?? TimeSpan.Zero);
            var missed = mine.Count(d => d is null);
            var per100K = noise * 100_000.0 / perLeads;
            var key = confidence == 0 ? "ungated" : "gated";
            Console.WriteLine($"confidence {confidence:0.00}: quiet runs opened {opened} incidents, {noise} of them false ({per100K:F2} per 100,000 leads); " +
                $"scripted incidents: slowest detection {slowest.TotalSeconds:F0} s, {missed} not detected");
            result.Add($"{key}_quiet_incidents", opened)
                .Add($"{key}_false_per_100k", per100K, 2)
                .Add($"{key}_slowest_detection_s", slowest.TotalSeconds, 0)
                .Add($"{key}_missed", missed);
        }

        // What confidence costs: for each scripted incident detected both ways, how much later the gated run saw it.
        var added = detections.Where(d => d.Key.Confidence > 0 && d.Value is not null)
            .Select(d => detections[(d.Key.Seed, d.Key.Incident, 0.0)] is { } plain ? d.Value!.Value - plain : (TimeSpan?)null)
            .Where(d => d is not null)
            .Select(d => d!.Value.TotalSeconds)
            .DefaultIfEmpty(0)
            .ToList();
        Console.WriteLine($"delay added by confidence {ThresholdDefaults.Confidence:0.00}: largest {added.Max():F0} s, mean {added.Average():F0} s");
        return result.Add("added_delay_max_s", added.Max(), 0).Add("added_delay_mean_s", added.Average(), 0)
            .Add("leads", leads).Add("seeds", seeds).Add("rate", rate, 0);
    }

    private static SimulatorOptions Market(int seed, double rate, bool script) => new()
    {
        Seed = seed,
        Rate = rate,
        // As the demo runs it (src/QualityStream.Demo).
        ContactRateMin = 0.58,
        ContactRateMax = 0.72,
        Incidents = script ? null : [],
    };

    private static (int All, int False) Quiet(AlertRun run, double confidence, int seed)
    {
        // The engine's source cells hold its own counts only; the stage's hold the sums it judges.
        var cells = run.Engine.Snapshot(new SnapshotFilter(Window: "24h", ExcludeSourceCells: true)).Cells
            .Concat(run.Stage.Snapshot(new SnapshotFilter(Window: "24h")).Cells)
            .ToDictionary(c => (c.Scope, c.BuyerId, c.SourceId));
        var (all, noise) = (0, 0);
        foreach (var opening in run.Openings)
        {
            all++;
            var whole = cells.TryGetValue((opening.Scope, opening.BuyerId, opening.SourceId), out var cell)
                ? cell.Metrics[opening.Metric.Code()] : null;
            var level = opening.To == MetricStatus.Breach ? opening.Threshold.Breach : opening.Threshold.Warn;
            var beyond = whole?.Rate is { } r && (opening.Metric.LowIsBad() ? r < level : r > level);
            noise += beyond ? 0 : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  confidence {confidence:0.00} seed {seed} quiet: {opening.Scope.Code()} {opening.BuyerId ?? "-"} / {opening.SourceId ?? "-"} {opening.Metric.Code()} -> {opening.To.Code()} " +
                $"at {opening.Rate:P1} of {opening.Sample}; whole run {whole?.Rate:P1} of {whole?.Denominator} ({(beyond ? "really beyond" : "false")})"));
        }

        return (all, noise);
    }

    private static bool Concerns(QualityStateChanged opening, ActiveIncident incident) => incident.Kind switch
    {
        IncidentKind.BadPhones => opening.Metric == Metric.Validity && opening.SourceId == incident.SourceId,
        IncidentKind.ContactCollapse => opening.Metric == Metric.Contact && opening.BuyerId == incident.BuyerId,
        IncidentKind.DuplicateStorm => opening.Metric == Metric.Duplicate && opening.BuyerId == incident.BuyerId,
        IncidentKind.ReturnBurst => opening.Metric == Metric.Return && opening.BuyerId == incident.BuyerId,
        _ => false,
    };
}
