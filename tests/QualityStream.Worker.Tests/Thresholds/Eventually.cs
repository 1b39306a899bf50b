using System.Diagnostics;

namespace QualityStream.Worker.Tests.Thresholds;

/// <summary>Waits for a condition by polling, so tests hold on a slow 2-core runner without fixed sleeps.</summary>
internal static class Eventually
{
    public static Task<TimeSpan> UntilAsync(Func<bool> condition, string what, double timeoutSeconds = 10) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeoutSeconds);

    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, string what, double timeoutSeconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed.TotalSeconds > timeoutSeconds)
            {
                throw new TimeoutException($"Timed out after {timeoutSeconds:0.#} s waiting for: {what}");
            }

            await Task.Delay(10);
        }

        return clock.Elapsed;
    }
}
