namespace QualityStream.Harness.Micro;

/// <summary>
/// Snapshot timings (ms, medians) and JSON size; <see cref="RateUpdates"/> and its size are what one tick's
/// <c>RatesUpdated</c> sends a board client when every cell changed (as at a high event rate).
/// </summary>
public sealed record SnapshotTimes(int Cells, double SnapshotMs, double JsonMs, double JsonMegabytes, double BuyerSnapshotMs, int RateUpdates, double RateUpdatesMegabytes);
