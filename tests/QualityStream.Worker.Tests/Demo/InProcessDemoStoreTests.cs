using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Api;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Health;
using QualityStream.Worker.Pipeline;
using QualityStream.Worker.Tests.Hubs.Support;
using QualityStream.Worker.Tests.Thresholds;
using QualityStream.Worker.Thresholds;
using StackExchange.Redis;

namespace QualityStream.Worker.Tests.Demo;

/// <summary>
/// <c>Redis:InProcess</c>, the demo's fallback when no redis-server can be started: thresholds and keys are seeded
/// into the process, nothing connects to Redis (none is running for these tests), and the worker says it is demo-only.
/// </summary>
public sealed class InProcessDemoStoreTests : IAsyncLifetime
{
    private const string BoardKey = "demo-board-key";
    private const string AdminKey = "demo-admin-key";
    private readonly CollectingLoggerProvider _logs = new();
    private readonly FakeQualityFeed _feed = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private InProcessDemoStore Store => _app.Services.GetRequiredService<InProcessDemoStore>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [RedisOptions.InProcessKey] = "true" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(_logs);
        builder.Services.AddSingleton<IQualityFeed>(_feed);
        builder.AddRedisThresholds();
        builder.AddApiKeyAuth();
        builder.AddQualityHealth();

        _app = builder.Build();
        _app.UseQualityAuth();
        _app.MapQualityHealth();
        _app.MapSnapshotApi();
        _app.MapThresholdApi();
        Store.SetThreshold(Metric.Contact, ThresholdScopes.Default, ThresholdDefaults.For(Metric.Contact) with { Warn = 0.30, Breach = 0.20, Clear = 0.35 });
        Store.AddKey(BoardKey, new ApiKeyRecord(QualityRoles.Board, null));
        Store.AddKey(AdminKey, new ApiKeyRecord(QualityRoles.Admin, null));
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _feed.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public void InProcess_RegistersNoRedisConnection_AndWarnsItIsDemoOnly()
    {
        Assert.Null(_app.Services.GetService<IConnectionMultiplexer>());
        Assert.Contains(_logs.Warnings, w => w.Contains("Redis:InProcess is on", StringComparison.Ordinal) && w.Contains("demo-only", StringComparison.Ordinal));
    }

    [Fact]
    public void ThresholdSource_ServesSeededThresholds()
    {
        var source = _app.Services.GetRequiredService<IThresholdSource>();

        Assert.Same(Store, source);
        var contact = source.Current.Entries.Single(e => e.Metric == Metric.Contact && e.Scope == ThresholdScopes.Default);
        Assert.Equal(0.20, contact.Threshold.Breach);
    }

    [Fact]
    public async Task BoardKeySeededInProcess_GetsSnapshot()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/snapshot");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BoardKey);
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownKey_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/snapshot");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-seeded");
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_SaysDemoOnly()
    {
        using var response = await _client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var redis = body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", redis.GetProperty("status").GetString());
        Assert.Equal("DEMO-ONLY in-process store (no Redis)", redis.GetProperty("description").GetString());
    }

    [Fact]
    public async Task AdminPut_ValidatesWritesInMemoryAndEmitsChange()
    {
        var changes = new List<ThresholdSet>();
        using var subscription = Store.Changes.Subscribe(s => { lock (changes) { changes.Add(s); } });
        using var admin = new HttpClient { BaseAddress = _client.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        const string Valid = """{"window":"1h","warn":0.5,"breach":0.4,"clear":0.55,"minSample":30,"pendingSeconds":120}""";
        const string Invalid = """{"window":"1h","warn":0.5,"breach":0.4,"clear":0.45,"minSample":30,"pendingSeconds":120}""";

        using var bad = await admin.PutAsync(new Uri("/api/thresholds/contact/buyer:acme-auto", UriKind.Relative), new StringContent(Invalid, Encoding.UTF8, "application/json"));
        using var good = await admin.PutAsync(new Uri("/api/thresholds/contact/buyer:acme-auto", UriKind.Relative), new StringContent(Valid, Encoding.UTF8, "application/json"));
        using var delete = await admin.DeleteAsync(new Uri("/api/thresholds/contact/buyer:acme-auto", UriKind.Relative));
        using var again = await admin.DeleteAsync(new Uri("/api/thresholds/contact/buyer:acme-auto", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        lock (changes)
        {
            // The current set on subscribe, the put, the delete; the refused put changed nothing.
            Assert.Equal(3, changes.Count);
            Assert.Contains(changes[1].Entries, e => e.Scope == "buyer:acme-auto" && e.Threshold.Breach == 0.4);
            Assert.DoesNotContain(changes[2].Entries, e => e.Scope == "buyer:acme-auto");
        }
    }
}
