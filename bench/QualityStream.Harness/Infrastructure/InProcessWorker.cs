using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using QualityStream.Testing;
using QualityStream.Worker;

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
    }

    public Uri BaseAddress { get; }

    /// <summary>The management port (<c>/metrics</c>, probes).</summary>
    public Uri ManagementAddress { get; }

    public EventsCounter Events { get; }

    /// <summary>Starts the worker; <paramref name="expectedLeadsPerDay"/> is its engine's capacity hint (0 keeps the default).</summary>
    public static async Task<InProcessWorker> StartAsync(string bootstrapServers, string redis, BenchTopics topics, string prefix, int expectedLeadsPerDay)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var management = FreePort.Next();
        var config = new Dictionary<string, string?>(topics.Settings())
        {
            ["Http:Port"] = "0",
            ["Http:ManagementPort"] = management.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:GroupId"] = $"bench-{Guid.NewGuid():N}",
            ["Redis:Configuration"] = redis,
            ["Redis:KeyPrefix"] = prefix,
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("HARNESS_LOG") ?? "Warning",
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
            ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        if (expectedLeadsPerDay > 0)
        {
            config["Quality:ExpectedLeadsPerDay"] = expectedLeadsPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var app = WorkerHost.Build([], c => c.AddInMemoryCollection(config));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).First(a => a.Port != management);
        var baseAddress = new UriBuilder(address) { Host = "127.0.0.1" }.Uri;
        var worker = new InProcessWorker(app, baseAddress, new UriBuilder(baseAddress) { Port = management }.Uri);
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        await Poll.UntilAsync(async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "worker ready (partitions assigned, Redis reachable)");
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
