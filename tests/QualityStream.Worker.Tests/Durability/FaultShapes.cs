using QualityStream.Worker.Tests.Durability.Traffic;

namespace QualityStream.Worker.Tests.Durability;

/// <summary>The traffic of the fault specs: smaller than the crash loop's, with one incident that opens and closes.</summary>
internal static class FaultShapes
{
    /// <summary>
    /// 28 s of about 1,300 events a second; b01's leads from sv are invalid from second 3 to 6, so the cell breaches
    /// at about second 6 and is back past clear at about second 20. A kill halfway through comes mid-incident.
    /// </summary>
    public static TrafficShape Standard(int seconds = 28) => new()
    {
        Seconds = seconds,
        LeadsPerSecond = 700,
        Buyers = 24,
        Sources = 8,
        PrologueLeads = 150,
        Incidents = [ScriptedIncident.InvalidStretch("b01", "sv", from: 3, until: 6)],
    };
}
