namespace QualityStream.Simulator.Running;

/// <summary>What a run produced. <see cref="Failed"/> counts records the broker did not acknowledge.</summary>
public sealed record SimulatorStats(long Deliveries, long Feedback, long Failed, TimeSpan Elapsed);
