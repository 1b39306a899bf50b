using QualityStream.Core.Thresholds;

namespace QualityStream.Harness.Latency;

/// <summary>A probe cell's state change as the SignalR client received it, with the Stopwatch timestamp of receipt.</summary>
public readonly record struct ProbeReceipt(int Cell, long Sample, MetricStatus To, long ReceivedAt);
