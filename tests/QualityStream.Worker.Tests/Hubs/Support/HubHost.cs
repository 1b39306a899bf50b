using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QualityStream.Core.Serialization;
using QualityStream.Worker.Accounts;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Board;
using QualityStream.Worker.Feed;
using QualityStream.Worker.Hubs;
using QualityStream.Worker.Telemetry;
using StackExchange.Redis;

namespace QualityStream.Worker.Tests.Hubs.Support;

/// <summary>
/// The worker's real hub, broadcaster, board pages, /metrics and ApiKey authentication (keys in a real Redis under a fresh
/// prefix) on a free loopback port, fed by a <see cref="FakeQualityFeed"/> instead of Kafka and the engine.
/// </summary>
public sealed class HubHost : IAsyncDisposable
{
    public const string AdminKey = "hub-admin-key";
    public const string BoardKey = "hub-board-key";
    public const string AcmeKey = "hub-acme-key";
    public const string BoltKey = "hub-bolt-key";

    private readonly WebApplication _app;

    private HubHost(WebApplication app, FakeQualityFeed feed, Uri baseAddress)
    {
        _app = app;
        Feed = feed;
        BaseAddress = baseAddress;
    }

    public FakeQualityFeed Feed { get; }

    public Uri BaseAddress { get; }

    public Uri HubUrl => new(BaseAddress, "/hubs/quality");

    /// <param name="redisConfiguration">The test's redis-server; the keys go under a fresh prefix.</param>
    /// <param name="settings">Configuration on top, e.g. <c>Hub:MaxQueuedMessages</c>.</param>
    public static async Task<HubHost> StartAsync(string redisConfiguration, IDictionary<string, string?>? settings = null)
    {
        var prefix = $"hub{Guid.NewGuid():N}"[..11] + ":";
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration))
        {
            var db = redis.GetDatabase();
            await ApiKeys.AddAsync(db, prefix, AdminKey, QualityRoles.Admin, null);
            await ApiKeys.AddAsync(db, prefix, BoardKey, QualityRoles.Board, null);
            await ApiKeys.AddAsync(db, prefix, AcmeKey, QualityRoles.Buyer, "acme-auto");
            await ApiKeys.AddAsync(db, prefix, BoltKey, QualityRoles.Buyer, "bolt-legal");
        }

        var feed = new FakeQualityFeed();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redisConfiguration,
            ["Redis:KeyPrefix"] = prefix,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<IQualityFeed>(feed);
        builder.AddApiKeyAuth();
        builder.AddAccounts();
        builder.AddQualityMetrics();
        builder.AddQualityHub();

        var app = builder.Build();
        app.UseQualityAuth();
        app.MapQualityMetrics();
        app.MapQualityHub();
        app.MapBoard();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HubHost(app, feed, new Uri(address));
    }

    /// <summary>A .NET hub client that reads payloads with the contract's own camelCase JSON, case-sensitively.</summary>
    public HubConnection Client(string? key) =>
        new HubConnectionBuilder()
            .WithUrl(HubUrl, o => o.AccessTokenProvider = () => Task.FromResult(key))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = new JsonSerializerOptions(QualityJsonContext.Default.Options))
            .Build();

    /// <summary>Stops the server, as a worker restart would; connected clients see their connection drop.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Feed.Dispose();
    }
}
