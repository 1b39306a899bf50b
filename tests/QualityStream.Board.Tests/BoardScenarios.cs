using QualityStream.Core.Snapshots;
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
                ("buyer", "acme-auto", null, "1h") => With(c, "contact", new MetricSnapshot(0.37, 78, 212, "breach", QualityData.Levels("contact"), "buyer:acme-auto")),
                ("buyer_source", "bolt-legal", "google-search-2", "1h") => With(c, "duplicate", new MetricSnapshot(0.068, 19, 281, "warning", QualityData.Levels("duplicate"), "default")),
                ("source", null, "native-12", "1h") => With(c, "validity", new MetricSnapshot(0.81, 340, 420, "breach", QualityData.Levels("validity"), "source:native-12")),
                ("buyer", "cedar-home", null, "1h") => With(c, "return", new MetricSnapshot(0.083, 1, 12, "insufficient", QualityData.Levels("return"), "default", "warning")),
                _ => c,
            })
            .ToList();
        IncidentSnapshot[] incidents =
        [
            new("inc-acme-contact", "contact", "1h", "buyer", "acme-auto", null, "breach", at.AddMinutes(-40)),
            new("inc-bolt-google-dup", "duplicate", "1h", "buyer_source", "bolt-legal", "google-search-2", "warning", at.AddMinutes(-12)),
            new("inc-native-validity", "validity", "1h", "source", null, "native-12", "breach", at.AddMinutes(-95)),
            new("inc-cedar-return", "return", "1h", "buyer", "cedar-home", null, "warning", at.AddMinutes(-200)),
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
