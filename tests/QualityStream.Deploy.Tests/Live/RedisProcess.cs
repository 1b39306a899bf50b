using System.Globalization;
using StackExchange.Redis;

namespace QualityStream.Deploy.Tests.Live;

/// <summary>
/// A real redis-server on a free loopback port without persistence (the pattern of the worker tests' RedisServer,
/// which lives in another test project).
/// </summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private readonly ServerProcess _server;

    private RedisProcess(ServerProcess server, int port)
    {
        _server = server;
        Configuration = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration { get; }

    public static async Task<RedisProcess> StartAsync(string executable)
    {
        var port = FreePort.Next();
        var server = ServerProcess.Start(executable,
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        var redis = new RedisProcess(server, port);
        try
        {
            await Poll.UntilAsync(redis.AnswersPingAsync, TimeSpan.FromSeconds(15), $"redis-server on {redis.Configuration}", server.Output);
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<bool> AnswersPingAsync()
    {
        if (_server.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited:\n{_server.Output()}");
        }

        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync($"{Configuration},connectTimeout=1000,abortConnect=false");
            return connection.IsConnected && await connection.GetDatabase().PingAsync() >= TimeSpan.Zero;
        }
        catch (RedisException)
        {
            return false;
        }
    }
}
