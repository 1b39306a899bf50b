namespace QualityStream.Harness.Ceiling;

/// <summary>Totals over the measured chunks (warm-up excluded) and what the run looked like.</summary>
/// <remarks>
/// CPU microseconds an event: <c>WorkerCpuUs</c> in the worker process; <c>BrokerCpuUs</c> in the harness process (the
/// embedded broker) while the worker read; <c>BareCpuUs</c> in the harness process (bare consumer and broker) while the
/// bare consumer read. <c>WorkerAllocBytes</c> and <c>WorkerGcPauseUs</c>: the worker process's allocation and
/// collector pause time an event.
/// </remarks>
public sealed record CeilingResult(PhaseTiming Worker, PhaseTiming Bare, long NotApplied, long MaxChunkPartitionBytes,
    double WorkerCpuUs, double BrokerCpuUs, double BareCpuUs, double WorkerAllocBytes, double WorkerGcPauseUs)
{
    public double Ratio => Worker.EventsPerSecond / Bare.EventsPerSecond;
}
