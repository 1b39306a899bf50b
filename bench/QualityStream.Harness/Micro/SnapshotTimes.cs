namespace QualityStream.Harness.Micro;

/// <summary>
/// Snapshot timings (ms, medians) and JSON size; <see cref="RateUpdates"/> and its size are what one tick's
/// <c>RatesUpdated</c> sends a board client when every cell changed (as at a high event rate). A <c>/metrics</c> scrape
/// refreshes the per-cell series (<see cref="RefreshMs"/>, snapshot included) and then writes every series as text
/// (<see cref="ScrapeMs"/>, refresh included); the worker reads the cells for it 256 at a time, each slice
/// (<see cref="SliceMs"/>) under one hold of the engine lock.
/// </summary>
public sealed record SnapshotTimes(int Cells, double SnapshotMs, double JsonMs, double JsonMegabytes, double BuyerSnapshotMs, int RateUpdates, double RateUpdatesMegabytes,
    double RefreshMs, double ScrapeMs, double ScrapeMegabytes, double SliceMs);
