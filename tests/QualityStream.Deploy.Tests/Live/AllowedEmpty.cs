namespace QualityStream.Deploy.Tests.Live;

/// <summary>
/// Shipped expressions that may rightly return nothing while the live stack is healthy, each with the reason.
/// Everything else must return data; an empty dashboard query is otherwise a naming bug, not noise. Keep it short.
/// </summary>
public static class AllowedEmpty
{
    public static readonly IReadOnlyDictionary<string, string> Origins = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Alert conditions: empty is the healthy answer. (QualityBreach and QualityWarningSustained are not here:
        // the stack has breach and warning cells, so their conditions must match.)
        ["rules.yml rule ConsumerLagHigh"] = "the worker keeps up, so no topic is 50000 messages behind",
        ["rules.yml rule DeadLettersSpike"] = "the simulator's bad input is 0.5%, below the alert's 5%",
        ["rules.yml rule WorkerDown"] = "the worker is up and scraped",
        ["rules.yml rule QualityRateVolatile"] = "a day of hourly rates is needed before anything swings; the stack runs for seconds",
    };
}
