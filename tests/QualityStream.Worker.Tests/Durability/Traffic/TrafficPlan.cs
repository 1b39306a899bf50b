namespace QualityStream.Worker.Tests.Durability.Traffic;

/// <summary>A test's whole input, decided by its seed before anything is sent: batches of one second each.</summary>
internal sealed class TrafficPlan(int seed, DateTimeOffset start, IReadOnlyList<TrafficBatch> batches)
{
    public int Seed { get; } = seed;

    /// <summary>Second 0 of the run; the prologue is dated before it.</summary>
    public DateTimeOffset Start { get; } = start;

    public IReadOnlyList<TrafficBatch> Batches { get; } = batches;

    public int Count { get; } = batches.Sum(b => b.Events.Count);

    /// <summary>Builds the plan of <paramref name="shape"/> for <paramref name="seed"/>, its second 0 at <paramref name="start"/>.</summary>
    public static TrafficPlan Generate(int seed, TrafficShape shape, DateTimeOffset start) => new TrafficGenerator(seed, shape, start).Generate();

    /// <summary>When second <paramref name="second"/> of the run begins.</summary>
    public DateTimeOffset At(int second) => Start.AddSeconds(second);

    public override string ToString() =>
        $"seed {Seed}: {Count} events in {Batches.Count} batches ({Batches.Sum(b => b.Events.Count(e => e.IsDelivery))} deliveries) from {Start:O}";
}
