namespace QualityStream.Harness.Ceiling;

/// <summary>Totals over the measured chunks (warm-up excluded) and what the run looked like.</summary>
/// <remarks>
/// <c>Minimal</c>: the <see cref="MinimalWorker"/> on the same chunks.
/// CPU microseconds an event: <c>WorkerCpuUs</c> in the worker process; <c>BrokerCpuUs</c> in the harness process (the
/// embedded broker) while the worker read; <c>BareCpuUs</c> in the harness process (bare consumer and broker) while the
/// bare consumer read. <c>WorkerAllocBytes</c> and <c>WorkerGcPauseUs</c>: the worker process's allocation and
/// collector pause time an event.
/// </remarks>
public sealed record CeilingResult(PhaseTiming Worker, PhaseTiming Bare, PhaseTiming Minimal, long NotApplied, long MaxChunkPartitionBytes,
    double WorkerCpuUs, double BrokerCpuUs, double BareCpuUs, double WorkerAllocBytes, double WorkerGcPauseUs)
{
    public double Ratio => Worker.EventsPerSecond / Bare.EventsPerSecond;

    /// <summary>Task checkpoints the worker wrote over the whole run (at assignment, warm-up and the end included).</summary>
    public long CheckpointWrites { get; init; }

    /// <summary>The time those writes took, summed (<c>qualitystream_checkpoint_write_seconds</c>).</summary>
    public double CheckpointWriteSeconds { get; init; }

    /// <summary>The shortest time between two thaws of the worker (see <see cref="WorkerLane.ShortestThawGap"/>).</summary>
    public TimeSpan ShortestThawGap { get; init; }

    /// <summary>The <see cref="MinimalWorker"/>'s rate against the bare consumer's: what the required work alone reaches.</summary>
    public double MinimalRatio => Minimal.EventsPerSecond / Bare.EventsPerSecond;
}
