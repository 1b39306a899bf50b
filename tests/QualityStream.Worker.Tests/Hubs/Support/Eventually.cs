namespace QualityStream.Worker.Tests.Hubs.Support;

/// <summary>Polls a condition until it holds or the timeout passes; never a fixed sleep as an assertion.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, double seconds = 10)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {seconds:0}s waiting for: {what}");
            }

            await Task.Delay(25);
        }
    }
}
