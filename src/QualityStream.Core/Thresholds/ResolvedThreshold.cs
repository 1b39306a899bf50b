using QualityStream.Core.Statistics;

namespace QualityStream.Core.Thresholds;

/// <summary>The threshold a cell uses and the scope it came from (e.g. <c>buyer:acme-auto</c>, or <c>default</c>).</summary>
public sealed record ResolvedThreshold(Threshold Threshold, string Scope)
{
    /// <summary>Its levels, made once and shared by every change and snapshot it judged.</summary>
    public ThresholdLevels Levels { get; } = new(Threshold.Warn, Threshold.Breach, Threshold.Clear);

    /// <summary>The normal quantile of its confidence, computed once rather than at every judgement.</summary>
    public double Z { get; } = WilsonInterval.Z(Threshold.Confidence);
}
