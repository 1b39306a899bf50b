namespace QualityStream.Core.Thresholds;

/// <summary>Alerting levels of one metric for one scope (docs/contract.md §4); immutable once validated.</summary>
public sealed record Threshold(string Window, double Warn, double Breach, double Clear, int MinSample, int PendingSeconds);
