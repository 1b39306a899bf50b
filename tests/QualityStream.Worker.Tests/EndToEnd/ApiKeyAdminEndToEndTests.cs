using System.Net;
using System.Text;
using System.Text.Json;
using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary><c>GET/POST /api/keys</c> and <c>DELETE /api/keys/{id}</c> on the real worker (docs/contract.md §7).</summary>
[Collection(WorkerTests.Name)]
public sealed class ApiKeyAdminEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    [Fact]
    public async Task PostedKey_IsShownOnce_AuthenticatesWithItsRole_AndRedisHoldsOnlyItsHash()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);

        using var created = await SendAsync(worker, HttpMethod.Post, "/api/keys", WorkerUnderTest.AdminKey,
            """{"role":"buyer","buyerId":"acme-auto","name":"acme portal"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore, "the answer that carries a key must not be cached");
        var body = await JsonAsync(created);
        var key = body.GetProperty("key").GetString()!;
        var hash = ApiKeys.Hash(key);
        Assert.Equal(hash[..12], body.GetProperty("id").GetString());
        Assert.Equal("buyer", body.GetProperty("role").GetString());
        Assert.Equal("acme-auto", body.GetProperty("buyerId").GetString());
        Assert.Equal("acme portal", body.GetProperty("name").GetString());
        var createdAt = body.GetProperty("createdAt").GetDateTimeOffset();
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        using (var own = await SendAsync(worker, HttpMethod.Get, "/api/snapshot", key))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using (var foreign = await SendAsync(worker, HttpMethod.Get, "/api/snapshot?buyerId=bolt-legal", key))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }

        var stored = await worker.Redis.GetDatabase().HashGetAllAsync($"{worker.Prefix}qs:apikeys");
        var value = JsonDocument.Parse(stored.Single(e => e.Name == hash).Value.ToString()).RootElement;
        Assert.Equal("buyer", value.GetProperty("role").GetString());
        Assert.Equal("acme-auto", value.GetProperty("buyerId").GetString());
        Assert.Equal("acme portal", value.GetProperty("name").GetString());
        Assert.Equal(createdAt, value.GetProperty("createdAt").GetDateTimeOffset());
        Assert.DoesNotContain(stored, e => e.Name.ToString().Contains(key, StringComparison.Ordinal) || e.Value.ToString().Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListedKeys_ShowIdRoleBuyerNameAndCreation_NeverAKeyOrItsHash()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        using var created = await SendAsync(worker, HttpMethod.Post, "/api/keys", WorkerUnderTest.AdminKey, """{"role":"board","name":"lobby screen"}""");
        var key = (await JsonAsync(created)).GetProperty("key").GetString()!;

        using var list = await SendAsync(worker, HttpMethod.Get, "/api/keys", WorkerUnderTest.AdminKey);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var text = await list.Content.ReadAsStringAsync();
        var keys = JsonDocument.Parse(text).RootElement.GetProperty("keys").EnumerateArray().ToDictionary(k => k.GetProperty("id").GetString()!);
        Assert.Equal(4, keys.Count);
        var acme = keys[ApiKeys.Hash(WorkerUnderTest.AcmeKey)[..12]];
        Assert.Equal("buyer", acme.GetProperty("role").GetString());
        Assert.Equal("acme-auto", acme.GetProperty("buyerId").GetString());
        Assert.Equal(JsonValueKind.Null, acme.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Null, acme.GetProperty("createdAt").ValueKind);
        var board = keys[ApiKeys.Hash(key)[..12]];
        Assert.Equal("board", board.GetProperty("role").GetString());
        Assert.Equal("lobby screen", board.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, board.GetProperty("createdAt").ValueKind);
        foreach (var secret in new[] { key, WorkerUnderTest.AdminKey, WorkerUnderTest.BoardKey, WorkerUnderTest.AcmeKey })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKeys.Hash(secret), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RevokedKey_StopsWorkingAtOnceOnThisWorker_AndASecondRevokeIs404()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        using var created = await SendAsync(worker, HttpMethod.Post, "/api/keys", WorkerUnderTest.AdminKey, """{"role":"board"}""");
        var body = await JsonAsync(created);
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("id").GetString()!;
        using (var before = await SendAsync(worker, HttpMethod.Get, "/api/snapshot", key))
        {
            // Accepted, and so cached for Auth:CacheSeconds (30 s by default).
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoked = await SendAsync(worker, HttpMethod.Delete, $"/api/keys/{id}", WorkerUnderTest.AdminKey);
        using var after = await SendAsync(worker, HttpMethod.Get, "/api/snapshot", key);
        using var again = await SendAsync(worker, HttpMethod.Delete, $"/api/keys/{id}", WorkerUnderTest.AdminKey);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.False(await worker.Redis.GetDatabase().HashExistsAsync($"{worker.Prefix}qs:apikeys", ApiKeys.Hash(key)));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal($"no API key has id {id}", (await JsonAsync(again)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task KeyAdmin_IsForAdminKeysOnly_AndBadInputIs400NamingTheField()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var someId = ApiKeys.Hash(WorkerUnderTest.BoardKey)[..12];
        foreach (var key in new[] { WorkerUnderTest.BoardKey, WorkerUnderTest.AcmeKey, null })
        {
            var expected = key is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            using var list = await SendAsync(worker, HttpMethod.Get, "/api/keys", key);
            using var create = await SendAsync(worker, HttpMethod.Post, "/api/keys", key, """{"role":"admin"}""");
            using var revoke = await SendAsync(worker, HttpMethod.Delete, $"/api/keys/{someId}", key);
            Assert.Equal([expected, expected, expected], new[] { list.StatusCode, create.StatusCode, revoke.StatusCode });
        }

        var cases = new (string Body, string Field, string Message)[]
        {
            ("""{"name":"x"}""", "role", "is required (admin, board or buyer)"),
            ("""{"role":"root"}""", "role", "must be admin, board or buyer; got 'root'"),
            ("""{"role":"buyer"}""", "buyerId", "a buyer key needs a buyerId"),
            ("""{"role":"buyer","buyerId":"acme auto"}""", "buyerId", "buyerId 'acme auto' may contain only A–Z, a–z, 0–9, '.', '_' and '-'"),
            ("""{"role":"board","buyerId":"acme-auto"}""", "buyerId", "only buyer keys belong to a buyer; board keys see every buyer"),
            ($$"""{"role":"board","name":"{{new string('n', 101)}}"}""", "name", "must be 1–100 characters, not all blank, without control characters"),
            ("""{"role":"buyer","buyer":"acme-auto"}""", "buyer", "is not a field of a key; expected role, buyerId and name"),
            ("""{"role":7}""", "role", "must be a string"),
            ("role=admin", "json", "is not valid JSON"),
        };
        foreach (var (json, field, message) in cases)
        {
            using var response = await SendAsync(worker, HttpMethod.Post, "/api/keys", WorkerUnderTest.AdminKey, json);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = (await JsonAsync(response)).GetProperty("errors")[0];
            Assert.Equal(field, error.GetProperty("field").GetString());
            Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using var badId = await SendAsync(worker, HttpMethod.Delete, "/api/keys/not-an-id", WorkerUnderTest.AdminKey);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal("id", (await JsonAsync(badId)).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(3, (await worker.Redis.GetDatabase().HashLengthAsync($"{worker.Prefix}qs:apikeys")));
    }

    private static async Task<HttpResponseMessage> SendAsync(WorkerUnderTest worker, HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = WorkerUnderTest.Request(method, path, key);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await worker.Http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
