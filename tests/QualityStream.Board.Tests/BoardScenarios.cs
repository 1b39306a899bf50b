using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Tests.Hubs.Support;

namespace QualityStream.Board.Tests;

/// <summary>Snapshots a morning review could open on.</summary>
public static class BoardScenarios
{
    public static QualitySnapshot AllHealthy(long seq) => QualityData.Snapshot(seq, QualityData.HealthyCells(), []);

    /// <summary>Two breaches, a warning, and a buyer whose returns are held at warning on too few leads.</summary>
    public static QualitySnapshot Mixed(long seq)
    {
        var at = QualityData.At;
        var cells = QualityData.HealthyCells()
            .Select(c => (c.Scope, c.BuyerId, c.SourceId, c.Window) switch
            {
                (CellScope.Buyer, "acme-auto", null, "1h") => With(c, "contact", new MetricSnapshot(0.37, 78, 212, "breach", QualityData.Levels("contact"), "buyer:acme-auto")),
                (CellScope.BuyerSource, "bolt-legal", "google-search-2", "1h") => With(c, "duplicate", new MetricSnapshot(0.068, 19, 281, "warning", QualityData.Levels("duplicate"), "default")),
                (CellScope.Source, null, "native-12", "1h") => With(c, "validity", new MetricSnapshot(0.81, 340, 420, "breach", QualityData.Levels("validity"), "source:native-12")),
                (CellScope.Buyer, "cedar-home", null, "1h") => With(c, "return", new MetricSnapshot(0.083, 1, 12, "insufficient", QualityData.Levels("return"), "default", "warning")),
                _ => c,
            })
            .ToList();
        IncidentSnapshot[] incidents =
        [
            new("inc-acme-contact", Metric.Contact, "1h", CellScope.Buyer, "acme-auto", null, MetricStatus.Breach, at.AddMinutes(-40)),
            new("inc-bolt-google-dup", Metric.Duplicate, "1h", CellScope.BuyerSource, "bolt-legal", "google-search-2", MetricStatus.Warning, at.AddMinutes(-12)),
            new("inc-native-validity", Metric.Validity, "1h", CellScope.Source, null, "native-12", MetricStatus.Breach, at.AddMinutes(-95)),
            new("inc-cedar-return", Metric.Return, "1h", CellScope.Buyer, "cedar-home", null, MetricStatus.Warning, at.AddMinutes(-200)),
        ];
        return QualityData.Snapshot(seq, cells, incidents);
    }

    public static CellSnapshot With(CellSnapshot cell, string metric, MetricSnapshot value)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var metrics = cell.Metrics.ToDictionary(kv => kv.Key, kv => kv.Value);
        metrics[metric] = value;
        return cell with { Metrics = metrics };
    }
}
