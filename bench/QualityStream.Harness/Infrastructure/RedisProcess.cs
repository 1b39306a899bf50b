using System.Globalization;
using QualityStream.Testing;
using StackExchange.Redis;

namespace QualityStream.Harness.Infrastructure;

/// <summary>A throw-away redis-server on a free loopback port, without persistence; killed on dispose.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly ServerProcess _server;

    private RedisProcess(ServerProcess server, int port, ConnectionMultiplexer connection)
    {
        _server = server;
        Configuration = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        Connection = connection;
    }

    public string Configuration { get; }

    public ConnectionMultiplexer Connection { get; }

    public IDatabase Database => Connection.GetDatabase();

    public static async Task<RedisProcess> StartAsync()
    {
        var port = FreePort.Next();
        var server = ServerProcess.Start("redis-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)},connectTimeout=500");
                return new RedisProcess(server, port, connection);
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await _server.DisposeAsync();
    }
}
