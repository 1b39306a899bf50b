namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>
/// Which input partitions each worker of a group holds, as its <c>qualitystream_consumer_lag</c> series say (a worker
/// reports lag for the partitions assigned to it and drops a partition's series when it is revoked).
/// </summary>
internal static class Ownership
{
    public static async Task<HashSet<string>> OfAsync(WorkerChild worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return (await worker.MetricsAsync()).Series("qualitystream_consumer_lag")
            .Select(s => $"{s.Labels["topic"]}[{s.Labels["partition"]}]").ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Waits until the group's members between them hold every input partition once, each holding the number given.</summary>
    public static async Task WaitAsync(InputTopics inputs, TimeSpan timeout, params (WorkerChild Worker, int Partitions)[] members)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var all = new[] { inputs.Deliveries, inputs.Feedback }
            .SelectMany(t => Enumerable.Range(0, inputs.Partitions).Select(p => $"{t}[{p}]")).ToHashSet(StringComparer.Ordinal);
        var seen = "";
        await Poll.UntilAsync(async () =>
        {
            var held = new List<HashSet<string>>();
            var said = new List<string>();
            foreach (var (worker, _) in members)
            {
                try
                {
                    held.Add(await OfAsync(worker));
                    said.Add($"{worker.Name} holds {held[^1].Count}");
                }
                catch (HttpRequestException e)
                {
                    // Said, not swallowed: a member that stops answering is the likeliest reason the group never settles.
                    held.Add([]);
                    said.Add($"{worker.Name} did not answer /metrics ({e.Message}){(worker.HasExited ? ", exited" : "")}");
                }
            }

            seen = string.Join("; ", said) + "\n" + string.Join("\n", members.Select(m => m.Worker.Output()));
            return held.Sum(h => h.Count) == all.Count && all.SetEquals(held.SelectMany(h => h))
                && members.Select((m, i) => held[i].Count == 2 * m.Partitions).All(ok => ok);
        }, timeout, $"the group to hold every partition ({string.Join(", ", members.Select(m => $"{m.Worker.Name}: {m.Partitions} of each topic"))})", () => seen,
            TimeSpan.FromMilliseconds(250));
    }
}
