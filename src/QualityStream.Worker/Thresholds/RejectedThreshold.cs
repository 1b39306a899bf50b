using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Thresholds;

/// <summary>
/// A hash field that is in Redis but not in force, and why. <paramref name="PreviousKept"/> tells whether the last valid
/// threshold for the same metric and scope still applies in its place.
/// </summary>
public sealed record RejectedThreshold(
    string Key,
    string Metric,
    string Scope,
    string Value,
    IReadOnlyList<ThresholdError> Errors,
    bool PreviousKept);
