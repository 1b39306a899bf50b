using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Thresholds;

/// <summary>One metric's hash after validation: the thresholds in force by scope, and the fields that were rejected.</summary>
internal sealed record MetricThresholds(IReadOnlyDictionary<string, Threshold> InForce, IReadOnlyList<RejectedThreshold> Rejected)
{
    public static MetricThresholds None { get; } = new(new Dictionary<string, Threshold>(), []);
}
