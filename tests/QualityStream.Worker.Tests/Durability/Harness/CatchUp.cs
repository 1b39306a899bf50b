using System.Text.Json.Nodes;
using QualityStream.Worker.Tests.Durability.Exactness;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>
/// Waits until a worker has read and applied everything: its <c>qualitystream_consumer_lag</c> is 0 on every partition
/// of both input topics, and its snapshot has not changed for longer than a head may wait for its pair (so nothing is
/// still queued in a merge) and a checkpoint interval.
/// </summary>
internal static class CatchUp
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    /// <returns>The worker's snapshot once it has caught up.</returns>
    public static async Task<JsonObject> SnapshotAsync(WorkerChild worker, InputTopics inputs, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(inputs);
        JsonObject? snapshot = null;
        string? last = null;
        var lagText = "";
        var stableSince = DateTime.UtcNow;
        await Poll.UntilAsync(async () =>
        {
            var lag = await LagAsync(worker, inputs);
            lagText = lag;
            var current = await worker.SnapshotAsync();
            var text = SnapshotView.Canonical(current).ToJsonString();
            if (lag.Length > 0 || text != last)
            {
                last = text;
                snapshot = current;
                stableSince = DateTime.UtcNow;
                return false;
            }

            return DateTime.UtcNow - stableSince >= Quiet;
        }, timeout, $"worker {worker.Name} to catch up", () => $"lag: {(lagText.Length == 0 ? "0 everywhere" : lagText)}\n{worker.Output()}", TimeSpan.FromMilliseconds(500));
        return snapshot!;
    }

    /// <summary>Empty when every input partition reports lag 0; otherwise what does not.</summary>
    private static async Task<string> LagAsync(WorkerChild worker, InputTopics inputs)
    {
        var series = (await worker.MetricsAsync()).Series("qualitystream_consumer_lag")
            .ToDictionary(s => (s.Labels["topic"], s.Labels["partition"]), s => s.Value);
        var behind = new List<string>();
        foreach (var topic in new[] { inputs.Deliveries, inputs.Feedback })
        {
            for (var p = 0; p < inputs.Partitions; p++)
            {
                var key = (topic, p.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!series.TryGetValue(key, out var lag) || lag > 0)
                {
                    behind.Add($"{topic}[{p}]={(series.TryGetValue(key, out var v) ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}");
                }
            }
        }

        return string.Join(", ", behind);
    }
}
