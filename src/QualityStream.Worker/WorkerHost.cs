using QualityStream.Worker.Api;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Board;
using QualityStream.Worker.Health;
using QualityStream.Worker.Hubs;
using QualityStream.Worker.Ingestion;
using QualityStream.Worker.Telemetry;
using QualityStream.Worker.Outputs;
using QualityStream.Worker.Pipeline;
using QualityStream.Worker.Thresholds;

namespace QualityStream.Worker;

/// <summary>
/// Builds the worker: Kafka → decode → quality engine → outputs (SignalR, Prometheus, Kafka, Redis-driven thresholds).
/// Tests build it the same way, with their own configuration on top.
/// </summary>
public static class WorkerHost
{
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder.Configuration);
        builder.AddHttpPort();
        // Thresholds first: hosted services start in order, and the first events should meet Redis' thresholds.
        builder.AddRedisThresholds();
        builder.AddQualityPipeline();
        builder.AddKafkaIngestion();
        builder.AddKafkaOutputs();
        builder.AddApiKeyAuth();
        builder.AddQualityHub();
        builder.AddQualityMetrics();
        builder.AddQualityHealth();

        var app = builder.Build();
        app.UseQualityAuth();
        app.MapQualityMetrics();
        app.MapQualityHealth();
        app.MapSnapshotApi();
        app.MapThresholdApi();
        app.MapApiKeyApi();
        app.MapQualityHub();
        app.MapBoard();
        return app;
    }
}
