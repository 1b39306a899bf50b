using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace QualityStream.Worker.Tests.Hubs.Support;

/// <summary>
/// A real redis-server on a free loopback port for the API-key store: hub and board tests authenticate with the
/// worker's own ApiKey scheme, never a stand-in. Fails (never skips) when redis-server is not installed.
/// </summary>
public sealed class RedisForKeys : IAsyncLifetime
{
    private Process? _server;

    public string Configuration { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var exe = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is missing: apt-get install -y redis-server (.ci/install does this)");
        var port = FreePort();
        _server = Process.Start(new ProcessStartInfo(exe, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        Configuration = $"127.0.0.1:{port}";
        await Eventually.HoldsAsync(() => Pings(Configuration), "redis-server answering PING", 15);
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            _server.WaitForExit(5000);
        }

        _server?.Dispose();
        return Task.CompletedTask;
    }

    private static bool Pings(string configuration)
    {
        try
        {
            using var redis = ConnectionMultiplexer.Connect(configuration + ",connectTimeout=500,abortConnect=true");
            redis.GetDatabase().Ping();
            return true;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
