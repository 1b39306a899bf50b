namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>
/// When to kill a worker: once <see cref="AfterEvents"/> are produced, and then, if <see cref="OnceReady"/>, only after
/// the worker running then is ready and <see cref="Delay"/> more has passed (live, mid-checkpoint, mid-commit …);
/// otherwise at once, which may hit a worker still starting, joining or restoring.
/// </summary>
internal sealed record KillPoint(long AfterEvents, bool OnceReady, TimeSpan Delay)
{
    /// <summary>
    /// <paramref name="count"/> points spread over 5–90 % of <paramref name="events"/>, all decided by <paramref name="seed"/>:
    /// one of them at once, the others some time after the worker is ready.
    /// </summary>
    public static IReadOnlyList<KillPoint> Choose(int seed, int count, long events)
    {
        var random = new Random(unchecked((seed * 17) + 5));
        var atOnce = random.Next(count);
        return [.. Enumerable.Range(0, count).Select(k =>
        {
            var fraction = 0.05 + (0.85 * (k + 0.5 + ((random.NextDouble() - 0.5) * 0.6)) / count);
            return new KillPoint((long)(fraction * events), k != atOnce, TimeSpan.FromMilliseconds(random.Next(0, 3000)));
        })];
    }

    public override string ToString() => $"after {AfterEvents} events{(OnceReady ? $", {Delay.TotalMilliseconds:0} ms after ready" : ", at once")}";
}
