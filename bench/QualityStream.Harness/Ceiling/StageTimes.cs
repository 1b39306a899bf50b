namespace QualityStream.Harness.Ceiling;

/// <summary>Microseconds per event of each stage on one thread (see <see cref="StageBreakdown"/>).</summary>
public sealed record StageTimes(double DecodeUs, double InspectUs, double EngineUs, double PipelineUs)
{
    /// <summary>
    /// The most events a second any worker could process against this baseline: each event costs at least what reading
    /// it cost the bare consumer and its broker (<paramref name="bareCpuUs"/>, the same client and settings) plus the
    /// three stages the issue requires, each as fast as alone on one thread; nothing else runs (no merging, outputs,
    /// metrics or collector); and every core is busy all the time.
    /// </summary>
    public double BoundEventsPerSecond(double bareCpuUs, int cores) => cores * 1e6 / (bareCpuUs + DecodeUs + InspectUs + EngineUs);
}
