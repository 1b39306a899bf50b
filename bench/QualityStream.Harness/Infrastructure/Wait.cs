using System.Diagnostics;

namespace QualityStream.Harness.Infrastructure;

/// <summary>Polling a condition with a deadline; a timeout is an error naming what was awaited.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < timeout)
            {
            }

            if (clock.Elapsed >= timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:F0} s waiting for {what}");
            }

            await Task.Delay(50);
        }
    }
}
