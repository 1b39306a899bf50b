using StackExchange.Redis;

namespace QualityStream.Worker.Tests.Infrastructure;

/// <summary>One redis-server per test class; each test isolates itself with <see cref="NewPrefix"/>.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    /// <summary>A plain connection for arranging and checking data, separate from the worker's own.</summary>
    public ConnectionMultiplexer Redis { get; private set; } = null!;

    /// <summary>A key prefix no other test uses, e.g. <c>t3f9a…:</c>.</summary>
    public static string NewPrefix() => $"t{Guid.NewGuid():N}:";

    public async Task InitializeAsync()
    {
        Server = await RedisServer.StartAsync();
        Redis = await ConnectionMultiplexer.ConnectAsync(Server.Configuration);
    }

    public async Task DisposeAsync()
    {
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
