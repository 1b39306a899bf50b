using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Api;

/// <summary>400 body of the threshold API: <c>{"errors":[{"field":"clear","message":"must be ≥ warn (0.70) …"}]}</c>.</summary>
public sealed record ThresholdProblems(IReadOnlyList<ThresholdError> Errors);
