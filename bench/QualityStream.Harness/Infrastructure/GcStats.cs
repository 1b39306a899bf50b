namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// The worker process's garbage collector so far: bytes allocated, collections (every one counts as gen0; gen1 and gen2
/// count those that went that deep), total pause time, and the pauses of 50 ms and of 100 ms or more.
/// </summary>
public readonly record struct GcStats(long AllocatedBytes, long Collections, long Gen1, long Gen2, long PauseTicks, long Over50Ms, long Over100Ms)
{
    public GcStats Minus(GcStats earlier) => new(AllocatedBytes - earlier.AllocatedBytes, Collections - earlier.Collections,
        Gen1 - earlier.Gen1, Gen2 - earlier.Gen2, PauseTicks - earlier.PauseTicks, Over50Ms - earlier.Over50Ms, Over100Ms - earlier.Over100Ms);

    public double PauseMs => TimeSpan.FromTicks(PauseTicks).TotalMilliseconds;

    public string Describe(long events) =>
        $"{Collections:N0} collections (gen1 {Gen1:N0}, gen2 {Gen2:N0}), paused {PauseMs:N0} ms in all, {Over50Ms:N0} pauses >= 50 ms " +
        $"({Over100Ms:N0} >= 100 ms); {(events > 0 ? AllocatedBytes / (double)events : 0):N0} B allocated an event";
}
