using System.Globalization;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// CPU time a process's threads have used, grouped by what they do (from the thread names), read from
/// <c>/proc/&lt;pid&gt;/task/*/schedstat</c> (nanoseconds on a CPU). Unlike a rate, CPU time an event barely moves
/// when other work shares the cores, so it shows where a change saved work even on a busy machine.
/// </summary>
public static class ThreadCpu
{
    public static Dictionary<string, long> Sample(int pid)
    {
        var byGroup = new Dictionary<string, long>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var comm = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var onCpuNs = long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                var group = Group(comm);
                byGroup[group] = byGroup.GetValueOrDefault(group) + onCpuNs;
            }
            catch (IOException)
            {
                // The thread ended between listing and reading: its time is gone from both samples alike.
            }
        }

        return byGroup;
    }

    /// <summary>Adds <paramref name="after"/> − <paramref name="before"/> to <paramref name="totals"/>.</summary>
    public static void AddDelta(Dictionary<string, long> totals, Dictionary<string, long> before, Dictionary<string, long> after)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        foreach (var (group, ns) in after)
        {
            totals[group] = totals.GetValueOrDefault(group) + ns - before.GetValueOrDefault(group);
        }
    }

    /// <summary>"total 3.10, consume 1.20, apply 0.90, ..." in microseconds an event, largest first.</summary>
    public static string PerEvent(Dictionary<string, long> totals, long events)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var us = totals.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value / 1e3 / events:F2}");
        return $"total {totals.Values.Sum() / 1e3 / events:F2}, " + string.Join(", ", us);
    }

    public static double TotalUsPerEvent(Dictionary<string, long> totals, long events) => totals.Values.Sum() / 1e3 / Math.Max(events, 1);

    private static string Group(string comm) => comm switch
    {
        "qs-consume" => "consume",
        "qs-apply" => "apply",
        _ when comm.StartsWith("rdk:", StringComparison.Ordinal) => "librdkafka",
        _ when comm.StartsWith(".NET Server GC", StringComparison.Ordinal) || comm.StartsWith(".NET BGC", StringComparison.Ordinal) => "gc",
        _ when comm.StartsWith(".NET Tiered", StringComparison.Ordinal) => "jit",
        _ => "other",
    };
}
