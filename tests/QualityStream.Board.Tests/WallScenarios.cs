using System.Globalization;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Tests.Hubs.Support;

namespace QualityStream.Board.Tests;

/// <summary>Snapshots at the scale of a real wall: tens of buyers, up to a hundred sources, many open incidents.</summary>
public static class WallScenarios
{
    private static readonly string[] BuyerWords = ["acme", "bolt", "cedar", "delta", "ember", "falcon", "granite", "harbor", "ivory", "juniper"];
    private static readonly string[] BuyerKinds = ["auto", "legal", "mortgage"];
    private static readonly string[] SourceWords = ["fb-camp", "google-search", "native", "tiktok", "email-list", "affiliate"];

    public static IReadOnlyList<string> Buyers(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{BuyerWords[i % BuyerWords.Length]}-{BuyerKinds[i / BuyerWords.Length % BuyerKinds.Length]}")];

    public static IReadOnlyList<string> Sources(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{SourceWords[i % SourceWords.Length]}-{(i / SourceWords.Length) + 1}")];

    /// <summary>Every buyer buys from five sources; all healthy.</summary>
    public static List<CellSnapshot> Cells(int buyers, int sources)
    {
        var b = Buyers(buyers);
        var s = Sources(sources);
        var cells = new List<CellSnapshot>();
        cells.AddRange(b.Select(id => QualityData.Cell(CellScope.Buyer, id, null)));
        cells.AddRange(s.Select(id => QualityData.Cell(CellScope.Source, null, id)));
        for (var i = 0; i < b.Count; i++)
        {
            cells.AddRange(Enumerable.Range(0, 5).Select(k => QualityData.Cell(CellScope.BuyerSource, b[i], s[((i * 7) + k) % s.Count])));
        }

        return cells;
    }

    /// <summary>
    /// One source failing validity at four buyers, as the engine reports it: the source's incident, each pair's, and each
    /// of those buyers' own (its only bad source). Nine incidents, one problem.
    /// </summary>
    public static QualitySnapshot OneSourceAtFourBuyers(long seq, List<CellSnapshot> cells, string sourceId, IReadOnlyList<string> buyers)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(buyers);
        var incidents = new List<IncidentSnapshot>();
        Fail(cells, incidents, CellScope.Source, null, sourceId, Metric.Validity, 0.62, MetricStatus.Breach, 95);
        foreach (var buyer in buyers)
        {
            Ensure(cells, CellScope.BuyerSource, buyer, sourceId);
            Fail(cells, incidents, CellScope.BuyerSource, buyer, sourceId, Metric.Validity, 0.6, MetricStatus.Breach, 90);
            Fail(cells, incidents, CellScope.Buyer, buyer, null, Metric.Validity, 0.88, MetricStatus.Warning, 80);
        }

        return QualityData.Snapshot(seq, cells, incidents);
    }

    /// <summary>30 buyers × 60 sources with 20 open incidents of every kind.</summary>
    public static QualitySnapshot Busy(long seq)
    {
        var cells = Cells(30, 60);
        var buyers = Buyers(30);
        var sources = Sources(60);
        var snapshot = OneSourceAtFourBuyers(seq, cells, sources[2], [buyers[1], buyers[4], buyers[9], buyers[17]]);
        var incidents = snapshot.Incidents.ToList();
        // A buyer in breach on contact from no single source, returns rising at three, two pairs on duplicates.
        Fail(cells, incidents, CellScope.Buyer, buyers[3], null, Metric.Contact, 0.36, MetricStatus.Breach, 130);
        foreach (var i in new[] { 6, 12, 21 })
        {
            Fail(cells, incidents, CellScope.Buyer, buyers[i], null, Metric.Return, 0.095, MetricStatus.Warning, 20 + i);
        }

        Fail(cells, incidents, CellScope.BuyerSource, buyers[25], sources[(25 * 7) % 60], Metric.Duplicate, 0.07, MetricStatus.Warning, 14);
        Fail(cells, incidents, CellScope.BuyerSource, buyers[28], sources[(28 * 7) % 60], Metric.Duplicate, 0.12, MetricStatus.Breach, 9);
        Fail(cells, incidents, CellScope.Source, null, sources[40], Metric.Contact, 0.45, MetricStatus.Warning, 55);
        Fail(cells, incidents, CellScope.Source, null, sources[44], Metric.Return, 0.13, MetricStatus.Breach, 240);
        // Recovering: back above the breach level, not yet past clear.
        Fail(cells, incidents, CellScope.Source, null, sources[50], Metric.Validity, 0.88, MetricStatus.Breach, 300);
        Fail(cells, incidents, CellScope.Buyer, buyers[27], null, Metric.Validity, 0.9, MetricStatus.Warning, 45);
        Fail(cells, incidents, CellScope.Buyer, buyers[29], null, Metric.Duplicate, 0.06, MetricStatus.Warning, 33);
        return QualityData.Snapshot(seq, cells, incidents);
    }

    public static void Fail(List<CellSnapshot> cells, List<IncidentSnapshot> incidents, CellScope scope, string? buyerId, string? sourceId,
        Metric metric, double rate, MetricStatus state, int minutesAgo)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(incidents);
        var code = metric.Code();
        var at = cells.FindIndex(c => c.Scope == scope && c.BuyerId == buyerId && c.SourceId == sourceId && c.Window == "1h");
        var value = new MetricSnapshot(rate, (long)Math.Round(rate * 400), 400, state.Code(), QualityData.Levels(code), "default");
        cells[at] = BoardScenarios.With(cells[at], code, value);
        var id = string.Create(CultureInfo.InvariantCulture, $"inc-{scope.Code()}-{buyerId}-{sourceId}-{code}");
        incidents.Add(new IncidentSnapshot(id, metric, "1h", scope, buyerId, sourceId, state, QualityData.At.AddMinutes(-minutesAgo)));
    }

    private static void Ensure(List<CellSnapshot> cells, CellScope scope, string buyerId, string sourceId)
    {
        if (!cells.Exists(c => c.Scope == scope && c.BuyerId == buyerId && c.SourceId == sourceId && c.Window == "1h"))
        {
            cells.Add(QualityData.Cell(scope, buyerId, sourceId));
        }
    }
}
