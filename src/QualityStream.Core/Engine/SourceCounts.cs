namespace QualityStream.Core.Engine;

/// <summary>
/// What one task's source cells counted at the end of one second of its time: for each source it counted anew that
/// second (or, when <see cref="Full"/>, for every source it has), the counters of each window as they stood. The
/// <see cref="SourceStage"/> sums these over tasks; absolute values, not increments, so a record heard twice or a task
/// restored from an older state cannot make the sums drift.
/// </summary>
public sealed class SourceCounts
{
    internal SourceCounts(long second, bool full, string[] sourceIds, WindowCounters[] counters, ReasonCounts[] reasons)
    {
        Second = second;
        Full = full;
        SourceIds = sourceIds;
        Counters = counters;
        Reasons = reasons;
    }

    /// <summary>The second of task time these counts held at the end of (Unix seconds).</summary>
    public long Second { get; }

    /// <summary>Whether the record holds every source of the task, so that any source it lacks counts nothing there.</summary>
    public bool Full { get; }

    public int SourceCount => SourceIds.Length;

    internal string[] SourceIds { get; }

    /// <summary>Per source, one entry per window: source <c>i</c>, window <c>w</c> at <c>i * windows + w</c>.</summary>
    internal WindowCounters[] Counters { get; }

    internal ReasonCounts[] Reasons { get; }
}
