namespace QualityStream.Core.Thresholds;

/// <summary>
/// Alerting levels of one metric for one scope (docs/contract.md §4); immutable once validated. <see cref="Confidence"/>
/// is the level of the Wilson interval that must lie beyond a level before it counts as crossed; 0 turns that off.
/// </summary>
public sealed record Threshold(
    string Window,
    double Warn,
    double Breach,
    double Clear,
    int MinSample,
    int PendingSeconds,
    double Confidence = ThresholdDefaults.Confidence);
