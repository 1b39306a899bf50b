using System.Globalization;
using System.Text.RegularExpressions;
using QualityStream.Harness.Infrastructure;

namespace QualityStream.Harness.Restore;

/// <summary>
/// Where a restored worker's time went, read from its log (<see cref="WorkerSettings.LogRestores"/>): when its
/// partitions were assigned, i.e. when the group join completed, and each task's restore.
/// </summary>
public sealed partial record RestoreLog(long? AssignedAt, IReadOnlyList<RestoredTask> Tasks)
{
    public static RestoreLog Read(IEnumerable<ChildLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        long? assignedAt = null;
        var tasks = new List<RestoredTask>();
        foreach (var line in lines)
        {
            if (assignedAt is null && Assigned().IsMatch(line.Text))
            {
                assignedAt = line.Timestamp;
            }
            else if (Restored().Match(line.Text) is { Success: true } m)
            {
                long Value(string name) => long.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
                tasks.Add(new RestoredTask((int)Value("p"), Value("bytes"), Value("leads"), Value("ms"), Value("load"), Value("read"), Value("back"),
                    Value("d"), Value("f")));
            }
        }

        return new RestoreLog(assignedAt, tasks);
    }

    [GeneratedRegex(@"^\s*Assigned ")]
    private static partial Regex Assigned();

    // The line TaskCheckpointer logs for each restored task.
    [GeneratedRegex(@"Restored p(?<p>\d+) from its checkpoint \((?<bytes>\d+) bytes, (?<leads>\d+) leads, seq \d+\) in (?<ms>\d+) ms: " +
        @"loading (?<load>\d+) ms, reading (?<read>\d+) ms, reading back outputs (?<back>\d+) ms; replaying from deliveries (?<d>\d+), feedback (?<f>\d+)")]
    private static partial Regex Restored();
}
