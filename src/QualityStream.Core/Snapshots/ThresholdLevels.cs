namespace QualityStream.Core.Snapshots;

public sealed record ThresholdLevels(double Warn, double Breach, double Clear);
