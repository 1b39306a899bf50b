using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using QualityStream.Testing;
using QualityStream.Worker;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// The real worker (<see cref="WorkerHost.Build"/>) in this process on free ports, against the embedded broker and a
/// throw-away Redis, with a fresh consumer group; its event counter is read in process.
/// </summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessWorker(WebApplication app, Uri baseAddress, Uri managementAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        ManagementAddress = managementAddress;
        Events = new EventsCounter(app.Services.GetRequiredService<CollectorRegistry>());
        Pipeline = app.Services.GetRequiredService<QualityPipeline>();
    }

    public Uri BaseAddress { get; }

    /// <summary>The management port (<c>/metrics</c>, probes).</summary>
    public Uri ManagementAddress { get; }

    public EventsCounter Events { get; }

    /// <summary>The worker's tasks, read between two events (<see cref="QualityPipeline.Read{T}"/>).</summary>
    public QualityPipeline Pipeline { get; }

    /// <summary>The Stopwatch timestamp at which <c>/readyz</c> first answered 200.</summary>
    public long ReadyAt { get; private set; }

    public static async Task<InProcessWorker> StartAsync(string bootstrapServers, string redis, BenchTopics topics, string prefix, WorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(settings);
        var management = FreePort.Next();
        var config = new Dictionary<string, string?>(topics.Settings())
        {
            ["Http:Port"] = "0",
            ["Http:ManagementPort"] = management.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Redis:Configuration"] = redis,
            ["Redis:KeyPrefix"] = prefix,
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("HARNESS_LOG") ?? "Warning",
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
            ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        settings.AddTo(config);
        var app = WorkerHost.Build([], c => c.AddInMemoryCollection(config));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).First(a => a.Port != management);
        var baseAddress = new UriBuilder(address) { Host = "127.0.0.1" }.Uri;
        var worker = new InProcessWorker(app, baseAddress, new UriBuilder(baseAddress) { Port = management }.Uri);
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        // Polled often, and long enough for a restore that waits out a killed member's session in the group first.
        await Poll.UntilAsync(async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(150), "worker ready (partitions assigned, Redis reachable)", interval: TimeSpan.FromMilliseconds(10));
        worker.ReadyAt = Stopwatch.GetTimestamp();
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
