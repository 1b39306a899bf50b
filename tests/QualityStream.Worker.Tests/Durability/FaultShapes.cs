using QualityStream.Worker.Tests.Durability.Traffic;

namespace QualityStream.Worker.Tests.Durability;

/// <summary>The traffic of the fault specs: smaller than the crash loop's, with one incident that opens and closes.</summary>
internal static class FaultShapes
{
    /// <summary>
    /// 36 s of about 1,300 events a second; b01's leads from sv are invalid from second 4 to 8, so the cell breaches
    /// at about second 7 and is back past clear at about second 27.
    /// </summary>
    public static TrafficShape Standard(int seconds = 36) => new()
    {
        Seconds = seconds,
        LeadsPerSecond = 700,
        Buyers = 24,
        Sources = 8,
        PrologueLeads = 150,
        Incidents = [ScriptedIncident.InvalidStretch("b01", "sv", from: 4, until: 8)],
    };
}
