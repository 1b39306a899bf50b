using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Redis;
using StackExchange.Redis;
using static QualityStream.Worker.Tests.Thresholds.ThresholdSamples;

namespace QualityStream.Worker.Tests.Thresholds;

/// <summary>Each test owns its redis-server, because each one stops or starts it.</summary>
public sealed class ThresholdOutageTests
{
    private const string Prefix = "outage:";

    [Fact]
    public async Task RedisUnreachableAtStart_DefaultsApplyAndNotReady_ThenReadyWhenRedisAppears()
    {
        var port = FreePort.Next();
        await using var host = await ThresholdTestHost.StartAsync($"127.0.0.1:{port}", Prefix);

        Assert.Equal(0, host.Store.Current.Count);
        Assert.Equal(ThresholdDefaults.For(Metric.Contact), host.Store.Current.Resolve(Metric.Contact, CellScope.Buyer, "b", null).Threshold);
        Assert.Equal("Healthy", await host.Client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        var (status, ready) = await ReadyAsync(host);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var check = Assert.Single(ready.GetProperty("checks").EnumerateArray());
        Assert.Equal(("redis", "Unhealthy"), (check.GetProperty("name").GetString(), check.GetProperty("status").GetString()));
        Assert.Contains($"127.0.0.1:{port} is unreachable; built-in default thresholds are in force",
            check.GetProperty("description").GetString(), StringComparison.Ordinal);

        await using var server = await RedisServer.StartAsync(port);
        await using (var writer = await ConnectionMultiplexer.ConnectAsync(server.Configuration))
        {
            await writer.GetDatabase().HashSetAsync(new RedisKeys(Prefix).Thresholds(Metric.Contact), "default", Json(0.6, 0.5, 0.65));
        }

        await Eventually.UntilAsync(async () => (await ReadyAsync(host)).Status == HttpStatusCode.OK, "/readyz to turn 200", 30);
        await Eventually.UntilAsync(() => host.Store.Current.Count == 1, "the thresholds written after Redis appeared", 30);
        var (_, healthy) = await ReadyAsync(host);
        Assert.Equal("Healthy", healthy.GetProperty("status").GetString());

        // The change subscription, impossible at start, was made once Redis appeared.
        await using (var writer = await ConnectionMultiplexer.ConnectAsync(server.Configuration))
        {
            await writer.GetDatabase().HashSetAsync(new RedisKeys(Prefix).Thresholds(Metric.Contact), "default", Json(0.7, 0.5, 0.75));
            await writer.GetSubscriber().PublishAsync(new RedisKeys(Prefix).ThresholdsChanged, "contact");
        }

        await Eventually.UntilAsync(
            () => host.Store.Current.Resolve(Metric.Contact, CellScope.Buyer, "b", null).Threshold.Warn == 0.7,
            "a published change after Redis appeared",
            5);
    }

    [Fact]
    public async Task RedisLostAfterLoad_KeepsLastKnownThresholds_ThenReloadsWhenBack()
    {
        var server = await RedisServer.StartAsync();
        var port = server.Port;
        await using (var writer = await ConnectionMultiplexer.ConnectAsync(server.Configuration))
        {
            await writer.GetDatabase().HashSetAsync(new RedisKeys(Prefix).Thresholds(Metric.Return), "default", Json(0.1, 0.2, 0.05));
        }

        await using var h = await ThresholdStoreHarness.StartAsync(server.Configuration, Prefix);
        Assert.Equal(1, h.Store.Current.Count);

        await server.DisposeAsync();
        await Eventually.UntilAsync(
            () =>
            {
                h.Store.RequestReload();
                return h.Store.Status.LastReloadError is not null;
            },
            "a reload to fail");
        Assert.StartsWith("Redis unreachable", h.Store.Status.LastReloadError, StringComparison.Ordinal);
        Assert.Equal(0.2, h.Store.Current.Resolve(Metric.Return, CellScope.Buyer, "b", null).Threshold.Breach);
        Assert.Contains(h.Logs.Warnings, w => w.Contains("keeping the thresholds loaded at", StringComparison.Ordinal));

        // A fresh server is empty: once reconnected, the store follows it without being asked.
        await using var again = await RedisServer.StartAsync(port);
        await using (var writer = await ConnectionMultiplexer.ConnectAsync(again.Configuration))
        {
            await writer.GetDatabase().HashSetAsync(new RedisKeys(Prefix).Thresholds(Metric.Return), "default", Json(0.15, 0.25, 0.1));
        }

        await Eventually.UntilAsync(
            () => h.Store.Current.Resolve(Metric.Return, CellScope.Buyer, "b", null).Threshold.Breach == 0.25,
            "the store to reload after reconnecting",
            30);
        Assert.Null(h.Store.Status.LastReloadError);

        // The change subscription came back too.
        await using (var writer = await ConnectionMultiplexer.ConnectAsync(again.Configuration))
        {
            await writer.GetDatabase().HashSetAsync(new RedisKeys(Prefix).Thresholds(Metric.Return), "default", Json(0.15, 0.3, 0.1));
            await writer.GetSubscriber().PublishAsync(new RedisKeys(Prefix).ThresholdsChanged, "return");
        }

        await Eventually.UntilAsync(
            () => h.Store.Current.Resolve(Metric.Return, CellScope.Buyer, "b", null).Threshold.Breach == 0.3,
            "a published change after reconnecting",
            5);
    }

    [Fact]
    public async Task ThresholdApi_RedisDown_Returns503WithMessage()
    {
        var server = await RedisServer.StartAsync();
        await using (var writer = await ConnectionMultiplexer.ConnectAsync(server.Configuration))
        {
            await ApiKeys.AddAsync(writer.GetDatabase(), Prefix, "admin-key", QualityRoles.Admin, null);
            await ApiKeys.AddAsync(writer.GetDatabase(), Prefix, "other-admin-key", QualityRoles.Admin, null);
        }

        await using var host = await ThresholdTestHost.StartAsync(server.Configuration, Prefix);
        using var admin = host.ClientWithKey("admin-key");
        using (var warmUp = await admin.GetAsync(new Uri("/api/thresholds", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        await server.DisposeAsync();
        var redis = host.App.Services.GetRequiredService<IConnectionMultiplexer>();
        await Eventually.UntilAsync(() => !redis.IsConnected, "the worker to notice Redis is gone");

        // The key is still cached, so the request reaches the endpoint, which cannot write.
        using var put = await admin.PutAsync(
            new Uri("/api/thresholds/contact/default", UriKind.Relative), new StringContent(Json(0.5, 0.4, 0.55)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, put.StatusCode);
        Assert.StartsWith("Redis is unreachable; the threshold was not stored", await ErrorAsync(put), StringComparison.Ordinal);

        // A key not seen before cannot be checked at all.
        using var other = host.ClientWithKey("other-admin-key");
        using var get = await other.GetAsync(new Uri("/api/thresholds", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
        Assert.Equal("API keys cannot be checked: Redis is unreachable", await ErrorAsync(get));
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(ThresholdTestHost host)
    {
        using var response = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }
}
