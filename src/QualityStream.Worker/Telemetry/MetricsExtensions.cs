using Prometheus;
using QualityStream.Worker.Http;

namespace QualityStream.Worker.Telemetry;

public static class MetricsExtensions
{
    /// <summary>A registry of the worker's own (not the process-wide static one), so tests and hosts never share series.</summary>
    public static void AddQualityMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        builder.Services.AddSingleton<IMetricFactory>(sp =>
        {
            var factory = Prometheus.Metrics.WithCustomRegistry(sp.GetRequiredService<CollectorRegistry>());
            // By default every increment looks up the current trace (Activity.Current) for an exemplar; the worker
            // traces nothing, and the events counter is incremented for every consumed event.
            factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
            return factory;
        });
        builder.Services.AddSingleton<QualityMetrics>();
        builder.Services.AddSingleton<CellSeriesExporter>();
        builder.Services.AddSingleton<AccountHealthExporter>();
    }

    public static void MapQualityMetrics(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        // Resolve now so its before-scrape callback is registered before the first scrape.
        app.Services.GetRequiredService<CellSeriesExporter>();
        app.Services.GetRequiredService<AccountHealthExporter>();
        app.MapMetrics("/metrics", registry).AllowAnonymous().ManagementPortOnly();
    }
}
