using Microsoft.Extensions.DependencyInjection.Extensions;
using QualityStream.Worker.Redis;

namespace QualityStream.Worker.Ledger;

public static class LedgerExtensions
{
    /// <summary>
    /// The incident ledger, notices history, rate history, trust and the morning review (sections <c>Ledger</c>,
    /// <c>Board</c>): the projector of the outputs topics, the history writer, the trimmer and the trust gauges.
    /// </summary>
    public static void AddIncidentLedger(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.SectionName)
            .Validate(o => ReviewOptions.IsZone(o.TimeZone), "Board:TimeZone: not a known time zone id (e.g. UTC, Europe/Berlin, America/Chicago)")
            .Validate(o => ReviewOptions.IsTimeOfDay(o.OvernightFrom), "Board:OvernightFrom: not a time of day as HH:mm (e.g. 18:00)")
            .ValidateOnStart();
        builder.Services.AddRedisConnection();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IncidentLedger>();
        builder.Services.AddSingleton<NoticeHistory>();
        builder.Services.AddSingleton<RateHistory>();
        builder.Services.AddSingleton<TrustReader>();
        builder.Services.AddSingleton<TrustMetrics>();
        builder.Services.AddSingleton<ReviewBuilder>();
        builder.Services.AddHostedService<LedgerProjector>();
        builder.Services.AddHostedService<HistoryWriter>();
        builder.Services.AddHostedService<LedgerTrimmer>();
        builder.Services.AddHostedService<OpenIncidentRates>();
    }

    /// <summary>The ledger's endpoints, and the trust gauges' before-scrape refresh.</summary>
    public static void MapIncidentLedger(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<TrustMetrics>();
        app.MapLedgerApi();
    }
}
