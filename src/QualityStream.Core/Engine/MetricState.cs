using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

/// <summary>The state machine's memory for one cell × metric (CONTRACTS §5).</summary>
internal sealed class MetricState
{
    public ResolvedThreshold? Threshold;
    public long ThresholdVersion = -1;
    public int WindowIndex;
    public MetricStatus Status;
    public bool Insufficient = true;

    /// <summary>Since when (event-time seconds) the rate has been beyond warn / breach without a break; -1 when it is not.</summary>
    public long BeyondWarnSince = -1;
    public long BeyondBreachSince = -1;

    public string? IncidentId;
    public long OpenedAtSec;
}
