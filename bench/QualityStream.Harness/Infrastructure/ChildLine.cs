namespace QualityStream.Harness.Infrastructure;

/// <summary>A line the worker child wrote, with the Stopwatch timestamp at which the harness read it.</summary>
public readonly record struct ChildLine(long Timestamp, string Text);
