namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>Engine settings the durability specs share.</summary>
internal static class RunSettings
{
    /// <summary>
    /// The production windows (1 h, 24 h) and a 7-day one, which still holds the leads delivered a day before the run
    /// when their returns come in late (the <c>legal</c> vertical gets a 1-day return window for that).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Standard { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Quality:Windows:0"] = "1h",
        ["Quality:Windows:1"] = "24h",
        ["Quality:Windows:2"] = "7d",
        ["Quality:ReturnWindowDays:legal"] = "1",
    };

    /// <summary>Second 0 of a run: the start of the current second, so each batch is due at a whole second.</summary>
    public static DateTimeOffset StartNow()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }
}
