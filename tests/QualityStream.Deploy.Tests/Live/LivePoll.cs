namespace QualityStream.Deploy.Tests.Live;

/// <summary>Waits for a condition by polling with a deadline: never a fixed sleep as an assertion.</summary>
internal static class LivePoll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? diagnose = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The server is not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for: {what}{(diagnose is null ? "" : "\n" + diagnose())}");
            }

            await Task.Delay(200);
        }
    }
}
