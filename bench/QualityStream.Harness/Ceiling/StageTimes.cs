namespace QualityStream.Harness.Ceiling;

/// <summary>Microseconds per event of each stage on one thread (see <see cref="StageBreakdown"/>).</summary>
public sealed record StageTimes(double DecodeUs, double InspectUs, double EngineUs, double PipelineUs);
