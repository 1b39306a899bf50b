using QualityStream.Worker.Api;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Checkpoints;
using QualityStream.Worker.Board;
using QualityStream.Worker.Health;
using QualityStream.Worker.Http;
using QualityStream.Worker.Hubs;
using QualityStream.Worker.Ingestion;
using QualityStream.Worker.Ledger;
using QualityStream.Worker.Logging;
using QualityStream.Worker.Outputs;
using QualityStream.Worker.Pipeline;
using QualityStream.Worker.Settings;
using QualityStream.Worker.Telemetry;
using QualityStream.Worker.Thresholds;

namespace QualityStream.Worker;

/// <summary>
/// Builds the worker: Kafka → decode → quality engine → outputs (SignalR, Prometheus, Kafka, Redis-driven thresholds).
/// Tests build it the same way, with their own configuration on top.
/// </summary>
public static class WorkerHost
{
    /// <summary>Exit code after invalid settings (<see cref="InvalidSettingException"/>): nothing was started.</summary>
    public const int InvalidSettings = 2;

    /// <summary>Exit code when ingestion stopped on its own (the worker cannot go on without input).</summary>
    public const int IngestionStopped = 1;

    /// <param name="args">Command-line configuration.</param>
    /// <param name="configure">Configuration added on top (tests, the demo).</param>
    /// <param name="services">Registrations added last, so they may replace the worker's own (tests, the demo).</param>
    /// <exception cref="InvalidSettingException">A setting is invalid.</exception>
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder.Configuration);
        builder.AddSecretRedaction();
        builder.AddHttpPorts();
        // Thresholds first: hosted services start in order, and the first events should meet Redis' thresholds.
        builder.AddRedisThresholds();
        builder.AddQualityPipeline();
        builder.AddCheckpoints();
        builder.AddKafkaIngestion();
        builder.AddKafkaOutputs();
        builder.AddApiKeyAuth();
        builder.AddQualityHub();
        builder.AddQualityMetrics();
        builder.AddQualityHealth();
        builder.AddIncidentLedger();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        // Before anything resolves its options (mapping the endpoints does): a bad setting is told in a line, not a trace.
        if (SettingErrors.Check(app.Services) is { Count: > 0 } invalid)
        {
            throw new InvalidSettingException(invalid);
        }

        app.UseManagementPort();
        app.UseQualityAuth();
        app.MapQualityMetrics();
        app.MapQualityHealth();
        app.MapSnapshotApi();
        app.MapThresholdApi();
        app.MapApiKeyApi();
        app.MapIncidentLedger();
        app.MapQualityHub();
        app.MapBoard();
        return app;
    }

    /// <summary>
    /// Builds and runs the worker as its process does, and returns the exit code: <see cref="InvalidSettings"/> after
    /// one line per invalid setting on standard error, otherwise what <see cref="RunAsync(WebApplication)"/> returns.
    /// </summary>
    /// <param name="args">Command-line configuration.</param>
    /// <param name="configure">Configuration added on top (the demo's).</param>
    /// <param name="prepare">Called once the worker is built, before it starts (the demo starts its traffic from there).</param>
    public static async Task<int> RunAsync(string[] args, Action<IConfigurationBuilder>? configure = null, Action<WebApplication>? prepare = null)
    {
        WebApplication app;
        try
        {
            app = Build(args, configure);
        }
        catch (InvalidSettingException e)
        {
            foreach (var problem in e.Problems)
            {
                await Console.Error.WriteLineAsync($"qualitystream: invalid setting {problem}");
            }

            return InvalidSettings;
        }

        await using (app)
        {
            prepare?.Invoke(app);
            return await RunAsync(app);
        }
    }

    /// <summary>
    /// Runs the worker until it stops. Returns the process exit code: 0 after a requested stop,
    /// <see cref="IngestionStopped"/> when ingestion stopped on its own, so an orchestrator sees a failure and restarts it.
    /// </summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Resolved first: running disposes the services.
        var ingestion = app.Services.GetRequiredService<IngestionStatus>();
        await app.RunAsync();
        return ingestion.Failure is null ? 0 : IngestionStopped;
    }
}
