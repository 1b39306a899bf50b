namespace QualityStream.Core.Thresholds;

/// <summary>The three levels of a threshold, as state changes and snapshots show them.</summary>
public sealed record ThresholdLevels(double Warn, double Breach, double Clear);
