using System.Diagnostics;

namespace QualityStream.Testing;

/// <summary>
/// Waits for a condition by polling with a deadline, so tests hold on a slow 2-core runner without a fixed sleep as an
/// assertion. Shared by every test project (linked in through tests/Directory.Build.props).
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(25);

    /// <returns>How long the condition took to hold.</returns>
    public static Task<TimeSpan> UntilAsync(Func<bool> condition, TimeSpan timeout, string what, Func<string>? diagnose = null, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, diagnose, interval);

    /// <returns>How long the condition took to hold.</returns>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? diagnose = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // The server is not listening yet.
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}{(diagnose is null ? "" : "\n" + diagnose())}");
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }
}
