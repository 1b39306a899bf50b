using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Redis;
using QualityStream.Worker.Tests.Infrastructure;

namespace QualityStream.Worker.Tests.Auth;

public sealed class ApiKeyStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task RevokedKey_StaysValidUntilTheCacheExpires()
    {
        var db = redis.Redis.GetDatabase();
        await ApiKeys.AddAsync(db, _prefix, "key-1", QualityRoles.Buyer, "acme-auto");
        var store = NewStore();
        Assert.Equal(new ApiKeyRecord("buyer", "acme-auto"), await store.FindAsync("key-1"));

        await db.HashDeleteAsync(new RedisKeys(_prefix).ApiKeys, ApiKeys.Hash("key-1"));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(await store.FindAsync("key-1"));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await store.FindAsync("key-1"));
    }

    [Fact]
    public async Task RevokedKey_ForgottenAfterRevocation_IsRefusedAtOnce()
    {
        var db = redis.Redis.GetDatabase();
        await ApiKeys.AddAsync(db, _prefix, "key-4", QualityRoles.Board, null);
        var store = NewStore();
        Assert.NotNull(await store.FindAsync("key-4"));

        await db.HashDeleteAsync(new RedisKeys(_prefix).ApiKeys, ApiKeys.Hash("key-4"));
        store.Forget(ApiKeys.Hash("key-4"));

        Assert.Null(await store.FindAsync("key-4"));
    }

    [Fact]
    public async Task UnknownKey_MissIsCachedBriefly()
    {
        var store = NewStore();
        Assert.Null(await store.FindAsync("key-2"));

        await ApiKeys.AddAsync(redis.Redis.GetDatabase(), _prefix, "key-2", QualityRoles.Board, null);
        Assert.Null(await store.FindAsync("key-2"));

        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(new ApiKeyRecord("board", null), await store.FindAsync("key-2"));
    }

    [Fact]
    public async Task ConcurrentFirstLookups_ShareOneRead()
    {
        await ApiKeys.AddAsync(redis.Redis.GetDatabase(), _prefix, "key-3", QualityRoles.Admin, null);
        var store = NewStore();

        var lookups = Enumerable.Range(0, 50).Select(_ => store.FindAsync("key-3")).ToArray();

        Assert.All(lookups, l => Assert.Same(lookups[0], l));
        Assert.All(await Task.WhenAll(lookups), r => Assert.Equal("admin", r!.Role));
    }

    private ApiKeyStore NewStore() => new(
        redis.Redis, new RedisKeys(_prefix), Options.Create(new ApiKeyOptions()), _time, NullLogger<ApiKeyStore>.Instance);
}
