using System.Diagnostics;

namespace QualityStream.EmbeddedKafka.Tests;

/// <summary>Waits for a condition by polling, so tests hold on slow 2-core runners without fixed sleeps.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }
}
