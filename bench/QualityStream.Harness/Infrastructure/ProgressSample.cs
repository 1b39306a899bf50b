namespace QualityStream.Harness.Infrastructure;

/// <summary>The worker's event count and the Stopwatch timestamp at which it was first seen at that value.</summary>
public readonly record struct ProgressSample(long Timestamp, long Total);
