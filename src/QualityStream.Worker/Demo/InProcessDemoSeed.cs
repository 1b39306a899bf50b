using QualityStream.Core.Thresholds;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Thresholds;

namespace QualityStream.Worker.Demo;

/// <summary>The demo without Redis: the same thresholds and keys, put into the demo-only <see cref="InProcessDemoStore"/>.</summary>
internal static class InProcessDemoSeed
{
    public const string Notice =
        "demo: redis-server is not available here; using an in-process threshold and key store (DEMO ONLY: nothing is shared or persisted)";

    public static void Seed(InProcessDemoStore store, IReadOnlyDictionary<Metric, Threshold> thresholds, string adminKey, string boardKey)
    {
        foreach (var (metric, threshold) in thresholds)
        {
            store.SetThreshold(metric, ThresholdScopes.Default, threshold);
        }

        store.AddKey(adminKey, new ApiKeyRecord(QualityRoles.Admin, null));
        store.AddKey(boardKey, new ApiKeyRecord(QualityRoles.Board, null));
    }
}
