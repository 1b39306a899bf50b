using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QualityStream.Testing;

/// <summary>
/// A real redis-server on a loopback port, stopped on dispose. Use it as an xunit fixture (it starts on a free port in
/// <see cref="InitializeAsync"/>, without persistence) or through <see cref="StartAsync"/> to choose the port and, for a
/// test that restarts Redis, a data directory it keeps its data in.
/// Missing redis-server is a failure with the install command, never a skip: CI (CI=true) must not pass without these tests.
/// Shared by every test project (linked in through tests/Directory.Build.props).
/// </summary>
public sealed class RedisServer : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly string? _dataDirectory;
    private ServerProcess? _server;

    public RedisServer()
    {
    }

    private RedisServer(int port, string? dataDirectory)
    {
        Port = port;
        _dataDirectory = dataDirectory;
    }

    /// <summary>The port; chosen when the server starts unless given to <see cref="StartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Starts a server on <paramref name="port"/> (a free one when null) and waits until it answers PING. With
    /// <paramref name="dataDirectory"/> it writes an append-only file there (fsync once a second, as production is advised
    /// to), so a server started again on the same directory comes back with the data of the one stopped.
    /// </summary>
    public static async Task<RedisServer> StartAsync(int? port = null, string? dataDirectory = null)
    {
        var server = new RedisServer(port ?? 0, dataDirectory);
        await server.InitializeAsync();
        return server;
    }

    public async Task InitializeAsync()
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "redis-server was not found on PATH; install it with `apt-get install -y redis-server`"
            + (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: Redis tests must run, not skip)" : ""));
        if (Port == 0)
        {
            Port = FreePort.Next();
        }

        string[] persistence = _dataDirectory is null
            ? ["--appendonly", "no"]
            : ["--appendonly", "yes", "--appendfsync", "everysec", "--dir", _dataDirectory];
        _server = ServerProcess.Start(executable, ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", .. persistence]);
        try
        {
            await Poll.UntilAsync(AnswersPingAsync, StartTimeout, $"redis-server on port {Port} answering PING", _server.Output);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server; the port may then be given to a new one.</summary>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private async Task<bool> AnswersPingAsync()
    {
        if (_server!.HasExited)
        {
            throw new InvalidOperationException($"redis-server on port {Port} exited:\n{_server.Output()}");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
}
