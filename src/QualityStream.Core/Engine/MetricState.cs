using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

/// <summary>
/// The state machine's memory for one cell × metric (docs/contract.md §5). A struct, kept by the engine in one array (four per
/// cell, side by side), so judging a cell's metrics reads adjacent memory instead of an object per metric.
/// </summary>
internal struct MetricState
{
    public ResolvedThreshold? Threshold;
    public string? IncidentId;
    public long ThresholdVersion = -1;

    /// <summary>Since when (event-time seconds) the rate has been beyond warn / breach without a break; -1 when it is not.</summary>
    public long BeyondWarnSince = -1;
    public long BeyondBreachSince = -1;

    public long OpenedAtSec;
    public int WindowIndex;
    public MetricStatus Status;
    public bool Insufficient = true;

    public MetricState()
    {
    }

    /// <summary>
    /// Takes the threshold now in force, at <paramref name="version"/>. New levels or a new window restart the pending
    /// timers; the state itself carries over and is re-judged.
    /// </summary>
    public void Follow(ResolvedThreshold resolved, int window, long version)
    {
        if (window != WindowIndex || !Equals(resolved.Threshold, Threshold?.Threshold))
        {
            BeyondWarnSince = -1;
            BeyondBreachSince = -1;
        }

        Threshold = resolved;
        WindowIndex = window;
        ThresholdVersion = version;
    }
}
