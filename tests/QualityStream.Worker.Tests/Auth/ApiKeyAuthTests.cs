using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Redis;
using QualityStream.Worker.Tests.Infrastructure;
using QualityStream.Worker.Tests.Thresholds;

namespace QualityStream.Worker.Tests.Auth;

public sealed class ApiKeyAuthTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string Threshold = """{"window":"1h","warn":0.5,"breach":0.4,"clear":0.55,"minSample":30,"pendingSeconds":120}""";
    private static readonly Uri Thresholds = new("/api/thresholds", UriKind.Relative);
    private static readonly Uri PutContactDefault = new("/api/thresholds/contact/default", UriKind.Relative);
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private ThresholdTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var db = redis.Redis.GetDatabase();
        await ApiKeys.AddAsync(db, _prefix, "admin-key", QualityRoles.Admin, null);
        await ApiKeys.AddAsync(db, _prefix, "board-key", QualityRoles.Board, null);
        await ApiKeys.AddAsync(db, _prefix, "buyer-key", QualityRoles.Buyer, "acme-auto");
        await db.HashSetAsync(new RedisKeys(_prefix).ApiKeys, ApiKeys.Hash("buyer-without-id"), """{"role":"buyer"}""");

        // A stand-in for the hub: any key, and the buyer id it carries.
        _host = await ThresholdTestHost.StartAsync(redis.Server.Configuration, _prefix, mapMore: app =>
            app.MapGet("/hubs/probe", (ClaimsPrincipal user) => user.FindFirstValue(QualityRoles.BuyerIdClaim) ?? user.FindFirstValue(ClaimTypes.Role))
                .RequireAuthorization(QualityPolicies.AnyKey));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NoKey_OnThresholds_Is401WithMessageNotRedirect()
    {
        using var response = await _host.Client.GetAsync(Thresholds);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.StartsWith("an API key is required", await ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownKey_Is401()
    {
        using var client = _host.ClientWithKey("no-such-key");
        using var response = await client.GetAsync(Thresholds);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unknown API key", await ErrorAsync(response));
    }

    [Fact]
    public async Task BuyerRecordWithoutBuyerId_IsRefused()
    {
        using var client = _host.ClientWithKey("buyer-without-id");
        using var response = await client.GetAsync(new Uri("/hubs/probe", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(_host.Logs.Warnings, w => w.Contains("a buyer key needs a buyerId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BoardKey_CanReadThresholds_ButNotWrite()
    {
        using var client = _host.ClientWithKey("board-key");
        using var get = await client.GetAsync(Thresholds);
        using var put = await client.PutAsync(PutContactDefault, new StringContent(Threshold, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("an API key with role 'board' may not do this", await ErrorAsync(put));
    }

    [Fact]
    public async Task BuyerKey_CannotReadThresholds()
    {
        using var client = _host.ClientWithKey("buyer-key");
        using var response = await client.GetAsync(Thresholds);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AdminKey_CanReadAndWrite()
    {
        using var client = _host.ClientWithKey("admin-key");
        using var get = await client.GetAsync(Thresholds);
        using var put = await client.PutAsync(PutContactDefault, new StringContent(Threshold, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    [Fact]
    public async Task AccessTokenQuery_OnHubPath_AuthenticatesWithBuyerClaim()
    {
        var body = await _host.Client.GetStringAsync(new Uri("/hubs/probe?access_token=buyer-key", UriKind.Relative));

        Assert.Equal("acme-auto", body);
    }

    [Fact]
    public async Task AccessTokenQuery_OutsideHubPaths_IsIgnored()
    {
        using var response = await _host.Client.GetAsync(new Uri("/api/thresholds?access_token=admin-key", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Probes_NeedNoKey()
    {
        using var health = await _host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await _host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
}
