using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QualityStream.Worker.Api;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Health;
using QualityStream.Worker.Thresholds;

namespace QualityStream.Worker.Tests.Thresholds;

/// <summary>
/// A web host with only the Redis thresholds, API keys, health and the threshold API, on a free loopback port.
/// It does not need the rest of the worker, so these tests run whatever state the other components are in.
/// </summary>
public sealed class ThresholdTestHost : IAsyncDisposable
{
    private ThresholdTestHost(WebApplication app, CollectingLoggerProvider logs)
    {
        App = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public CollectingLoggerProvider Logs { get; }

    /// <summary>A client without a key.</summary>
    public HttpClient Client { get; }

    public RedisThresholdStore Store => App.Services.GetRequiredService<RedisThresholdStore>();

    public static async Task<ThresholdTestHost> StartAsync(
        string redisConfiguration, string keyPrefix, int reloadSeconds = 30, Action<WebApplication>? mapMore = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redisConfiguration,
            ["Redis:KeyPrefix"] = keyPrefix,
            ["Redis:ReloadSeconds"] = reloadSeconds.ToString(CultureInfo.InvariantCulture),
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new CollectingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.AddRedisThresholds();
        builder.AddApiKeyAuth();
        builder.AddQualityHealth();

        var app = builder.Build();
        app.UseQualityAuth();
        app.MapQualityHealth();
        app.MapThresholdApi();
        mapMore?.Invoke(app);
        await app.StartAsync();
        return new ThresholdTestHost(app, logs);
    }

    public HttpClient ClientWithKey(string key)
    {
        var client = new HttpClient { BaseAddress = Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
