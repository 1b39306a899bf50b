namespace QualityStream.Worker.Tests.Hubs.Support;

/// <summary>The hub and board tests' phrasing of <see cref="Poll"/>: a condition that must hold within some seconds.</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, string what, double seconds = 10) =>
        Poll.UntilAsync(condition, TimeSpan.FromSeconds(seconds), what);
}
