namespace QualityStream.Worker.Tests.Thresholds;

/// <summary>
/// The threshold tests' phrasing of <see cref="Poll"/>. Polls every 10 ms because some tests measure how fast a change
/// lands (under 1 s), and the polling interval is part of what they measure.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    public static Task<TimeSpan> UntilAsync(Func<bool> condition, string what, double timeoutSeconds = 10) =>
        Poll.UntilAsync(condition, TimeSpan.FromSeconds(timeoutSeconds), what, interval: Interval);

    public static Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, string what, double timeoutSeconds = 10) =>
        Poll.UntilAsync(condition, TimeSpan.FromSeconds(timeoutSeconds), what, interval: Interval);
}
