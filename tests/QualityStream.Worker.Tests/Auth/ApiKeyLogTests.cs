using System.Net;
using System.Text;
using System.Text.Json;
using QualityStream.Worker.Api;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Tests.Infrastructure;
using QualityStream.Worker.Tests.Thresholds;

namespace QualityStream.Worker.Tests.Auth;

public sealed class ApiKeyLogTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task CreatingAndRevokingAKey_LogsItsIdAndWhoDidIt_NeverTheKey()
    {
        var prefix = RedisServerFixture.NewPrefix();
        await ApiKeys.AddAsync(redis.Redis.GetDatabase(), prefix, "admin-key", QualityRoles.Admin, null);
        await using var host = await ThresholdTestHost.StartAsync(redis.Server.Configuration, prefix, mapMore: app => app.MapApiKeyApi());
        using var admin = host.ClientWithKey("admin-key");

        using var created = await admin.PostAsync(new Uri("/api/keys", UriKind.Relative), new StringContent("""{"role":"board","name":"lobby"}""", Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("id").GetString()!;
        using var revoked = await admin.DeleteAsync(new Uri($"/api/keys/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var admins = "key:" + ApiKeys.Hash("admin-key")[..12];
        Assert.Contains(host.Logs.Lines, l => l.Message == $"API key {id} created (role board, buyer (null), name lobby) by {admins}");
        Assert.Contains(host.Logs.Lines, l => l.Message == $"API key {id} revoked (role board, buyer (null), name lobby) by {admins}");
        Assert.DoesNotContain(host.Logs.Lines, l => l.Message.Contains(key, StringComparison.Ordinal) || l.Message.Contains(ApiKeys.Hash(key), StringComparison.Ordinal));
    }
}
