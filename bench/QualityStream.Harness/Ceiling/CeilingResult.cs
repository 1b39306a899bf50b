namespace QualityStream.Harness.Ceiling;

/// <summary>Totals over the measured chunks (warm-up excluded) and what the run looked like.</summary>
public sealed record CeilingResult(PhaseTiming Worker, PhaseTiming Bare, long NotApplied, long MaxChunkPartitionBytes)
{
    public double Ratio => Worker.EventsPerSecond / Bare.EventsPerSecond;
}
