namespace QualityStream.Core.Snapshots;

/// <summary>
/// The range a rate's true value lies in at <see cref="Confidence"/>, given its sample (the Wilson interval): a level counts as
/// crossed only when the whole range is beyond it (docs/contract.md §4).
/// </summary>
public sealed record ConfidenceInterval(double Low, double High, double Confidence);
