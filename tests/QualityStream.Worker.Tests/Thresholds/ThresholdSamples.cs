using System.Globalization;

namespace QualityStream.Worker.Tests.Thresholds;

internal static class ThresholdSamples
{
    /// <summary>Threshold JSON as docs/contract.md §4 shows it.</summary>
    public static string Json(double warn, double breach, double clear, string window = "1h", int minSample = 50, int pendingSeconds = 300) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"window":"{{window}}","warn":{{warn}},"breach":{{breach}},"clear":{{clear}},"minSample":{{minSample}},"pendingSeconds":{{pendingSeconds}}}""");
}
