using Prometheus;

namespace QualityStream.Worker.Telemetry;

public static class MetricsExtensions
{
    /// <summary>A registry of the worker's own (not the process-wide static one), so tests and hosts never share series.</summary>
    public static void AddQualityMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        builder.Services.AddSingleton<IMetricFactory>(sp => Prometheus.Metrics.WithCustomRegistry(sp.GetRequiredService<CollectorRegistry>()));
        builder.Services.AddSingleton<QualityMetrics>();
        builder.Services.AddSingleton<CellSeriesExporter>();
    }

    public static void MapQualityMetrics(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        // Resolve now so its before-scrape callback is registered before the first scrape.
        app.Services.GetRequiredService<CellSeriesExporter>();
        app.MapMetrics("/metrics", registry).AllowAnonymous();
    }
}
