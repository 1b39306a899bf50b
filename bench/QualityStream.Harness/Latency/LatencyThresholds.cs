using System.Globalization;
using QualityStream.Core.Thresholds;
using StackExchange.Redis;

namespace QualityStream.Harness.Latency;

/// <summary>
/// Thresholds for the latency run, written to Redis before the worker starts (docs/contract.md §4). Every default has
/// pendingSeconds 0, so background cells change state as soon as their rates cross a level. Probe cells alert on
/// validity only, at 0.5 with minSample 1, so each probe lead flips its cell (see <see cref="ProbeCells"/>); the probe
/// buyers and the probe source themselves never alert.
/// </summary>
public static class LatencyThresholds
{
    public static async Task WriteAsync(IDatabase db, string prefix, ProbeCells probes)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(probes);
        await Set(db, prefix, "validity", ThresholdScopes.Default, Json(0.92, 0.85, 0.94, 30));
        await Set(db, prefix, "duplicate", ThresholdScopes.Default, Json(0.05, 0.10, 0.04, 30));
        await Set(db, prefix, "contact", ThresholdScopes.Default, Json(0.50, 0.40, 0.55, 30));
        await Set(db, prefix, "return", ThresholdScopes.Default, Json(0.08, 0.12, 0.06, 30));
        var never = new Dictionary<string, string>
        {
            ["validity"] = Json(0, 0, 0, 1),
            ["duplicate"] = Json(1, 1, 1, 1),
            ["contact"] = Json(0, 0, 0, 1),
            ["return"] = Json(1, 1, 1, 1),
        };
        foreach (var (metric, json) in never)
        {
            await Set(db, prefix, metric, ThresholdScopes.Source(ProbeCells.SourceId), json);
            foreach (var buyer in probes.BuyerIds)
            {
                await Set(db, prefix, metric, ThresholdScopes.Buyer(buyer), json);
            }
        }

        foreach (var buyer in probes.BuyerIds)
        {
            await Set(db, prefix, "validity", ThresholdScopes.BuyerSource(buyer, ProbeCells.SourceId), Json(0.5, 0.5, 0.5, 1));
        }
    }

    private static Task<bool> Set(IDatabase db, string prefix, string metric, string scope, string json) =>
        db.HashSetAsync($"{prefix}qs:thresholds:{metric}", scope, json);

    private static string Json(double warn, double breach, double clear, int minSample) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"window":"1h","warn":{{warn}},"breach":{{breach}},"clear":{{clear}},"minSample":{{minSample}},"pendingSeconds":0,"confidence":0}""");
}
