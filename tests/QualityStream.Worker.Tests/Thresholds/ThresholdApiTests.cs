using System.Net;
using System.Text;
using System.Text.Json;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Redis;
using QualityStream.Worker.Tests.Infrastructure;
using StackExchange.Redis;
using static QualityStream.Worker.Tests.Thresholds.ThresholdSamples;

namespace QualityStream.Worker.Tests.Thresholds;

public sealed class ThresholdApiTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string AdminKey = "test-admin-key";
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private ThresholdTestHost _host = null!;
    private HttpClient _admin = null!;

    private RedisKeys Keys => new(_prefix);
    private IDatabase Db => redis.Redis.GetDatabase();

    public async Task InitializeAsync()
    {
        await ApiKeys.AddAsync(Db, _prefix, AdminKey, QualityRoles.Admin, null);
        _host = await ThresholdTestHost.StartAsync(redis.Server.Configuration, _prefix);
        _admin = _host.ClientWithKey(AdminKey);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Put_ValidThreshold_StoresPublishesAndReturnsIt()
    {
        var published = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.Redis.GetSubscriber().SubscribeAsync(Keys.ThresholdsChanged, (_, m) => published.TrySetResult(m.ToString()));

        using var response = await PutAsync("contact", "buyer:acme-auto|source:fb-camp-7", """{ "window": "24h", "warn": 0.7, "breach": 0.6, "clear": 0.72, "minSample": 50, "pendingSeconds": 300 }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = """{"window":"24h","warn":0.7,"breach":0.6,"clear":0.72,"minSample":50,"pendingSeconds":300,"confidence":0.95}""";
        Assert.Equal(stored, await response.Content.ReadAsStringAsync());
        Assert.Equal(stored, (string?)await Db.HashGetAsync(Keys.Thresholds(Metric.Contact), "buyer:acme-auto|source:fb-camp-7"));
        Assert.Equal("contact", await published.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await Eventually.UntilAsync(
            () => _host.Store.Current.Resolve(Metric.Contact, CellScope.BuyerSource, "acme-auto", "fb-camp-7").Threshold.Warn == 0.7,
            "the worker to apply its own write");
    }

    [Fact]
    public async Task Put_UnknownMetric_Returns404WithMessage()
    {
        using var response = await PutAsync("speed", "default", Json(0.5, 0.4, 0.55));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown metric 'speed'; expected one of validity, duplicate, contact, return", (await BodyAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Put_MalformedScope_Returns400NamingScope()
    {
        var (field, message) = await SingleErrorAsync(await PutAsync("contact", "buyer:acme auto", Json(0.5, 0.4, 0.55)));

        Assert.Equal("scope", field);
        Assert.Contains("buyerId 'acme auto' may contain only", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_MalformedJson_Returns400OnJson()
    {
        var (field, message) = await SingleErrorAsync(await PutAsync("contact", "default", "{ \"warn\": 0.5,"));

        Assert.Equal("json", field);
        Assert.StartsWith("is malformed", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ClearOnTheBadSideOfWarn_Returns400OnClear()
    {
        var (field, message) = await SingleErrorAsync(await PutAsync("return", "default", Json(0.08, 0.12, 0.09)));

        Assert.Equal("clear", field);
        Assert.Equal("must be ≤ warn (0.08) for return, a high-is-bad metric; got 0.09", message);
    }

    [Fact]
    public async Task Put_UnconfiguredWindow_Returns400OnWindow()
    {
        var (field, message) = await SingleErrorAsync(await PutAsync("validity", "default", Json(0.92, 0.85, 0.94, window: "7d")));

        Assert.Equal("window", field);
        Assert.Equal("must be one of the configured windows (1h, 24h); got \"7d\"", message);
    }

    [Fact]
    public async Task Put_MissingField_Returns400NamingIt()
    {
        var (field, message) = await SingleErrorAsync(await PutAsync("validity", "default", """{"window":"1h","warn":0.92,"breach":0.85,"clear":0.94,"pendingSeconds":120}"""));

        Assert.Equal(("minSample", "is required"), (field, message));
    }

    [Fact]
    public async Task Put_Rejected_WritesNothing()
    {
        using var response = await PutAsync("contact", "default", Json(0.5, 0.4, 1.5));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await Db.KeyExistsAsync(Keys.Thresholds(Metric.Contact)));
    }

    [Fact]
    public async Task Delete_StoredThreshold_RemovesPublishesAnd204()
    {
        await Db.HashSetAsync(Keys.Thresholds(Metric.Duplicate), "source:fb-camp-7", Json(0.05, 0.1, 0.04));
        _host.Store.RequestReload();
        await Eventually.UntilAsync(() => _host.Store.Current.Count == 1, "the threshold to load");

        using var response = await _admin.DeleteAsync(Path("duplicate", "source:fb-camp-7"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(await Db.HashExistsAsync(Keys.Thresholds(Metric.Duplicate), "source:fb-camp-7"));
        await Eventually.UntilAsync(() => _host.Store.Current.Count == 0, "the published deletion to apply", 1);
    }

    [Fact]
    public async Task Delete_Absent_Returns404()
    {
        using var response = await _admin.DeleteAsync(Path("duplicate", "source:nowhere"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no threshold is stored", (await BodyAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ListsThresholdsRejectedEntriesAndBuiltInDefaults()
    {
        await Db.HashSetAsync(Keys.Thresholds(Metric.Contact), [new("default", Json(0.5, 0.4, 0.55)), new("buyer:acme-auto", Json(0.5, 0.6, 0.55))]);
        _host.Store.RequestReload();
        await Eventually.UntilAsync(() => _host.Store.Status.Rejected.Count == 1, "the reload");

        using var response = await _admin.GetAsync(new Uri("/api/thresholds", UriKind.Relative));
        var body = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0.55, body.GetProperty("thresholds").GetProperty("contact").GetProperty("default").GetProperty("clear").GetDouble());
        Assert.Empty(body.GetProperty("thresholds").GetProperty("validity").EnumerateObject());
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal("buyer:acme-auto", rejected.GetProperty("scope").GetString());
        Assert.Equal("warn", rejected.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.False(rejected.GetProperty("previousKept").GetBoolean());
        Assert.Equal(0.92, body.GetProperty("builtInDefaults").GetProperty("validity").GetProperty("warn").GetDouble());
        Assert.Equal(["1h", "24h"], body.GetProperty("windows").EnumerateArray().Select(w => w.GetString()));
        Assert.True(body.GetProperty("redis").GetProperty("connected").GetBoolean());
        Assert.EndsWith("Z", body.GetProperty("redis").GetProperty("lastLoadedAt").GetString(), StringComparison.Ordinal);
    }

    private static Uri Path(string metric, string scope) => new($"/api/thresholds/{metric}/{Uri.EscapeDataString(scope)}", UriKind.Relative);

    private Task<HttpResponseMessage> PutAsync(string metric, string scope, string body) =>
        _admin.PutAsync(Path(metric, scope), new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<(string? Field, string? Message)> SingleErrorAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = Assert.Single((await BodyAsync(response)).GetProperty("errors").EnumerateArray());
            return (error.GetProperty("field").GetString(), error.GetProperty("message").GetString());
        }
    }
}
