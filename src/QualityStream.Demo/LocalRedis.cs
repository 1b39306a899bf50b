using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QualityStream.Demo;

/// <summary>A throwaway <c>redis-server</c> on a free loopback port, installed with apt-get when missing and possible.</summary>
internal sealed class LocalRedis : IDisposable
{
    private static readonly string[] ServerPaths = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    private static readonly string[] AptSteps = ["update -qq", "install -y -qq redis-server"];
    private readonly Process _process;

    private LocalRedis(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Null, with the reason printed, when no redis-server can be had on this machine.</summary>
    public static async Task<LocalRedis?> TryStartAsync(TextWriter log)
    {
        var server = Find() ?? await TryInstallAsync(log);
        if (server is null)
        {
            return null;
        }

        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(server, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new LocalRedis(process, port);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await log.WriteLineAsync($"demo: redis-server did not start on port {port}");
        return null;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private static string? Find() => ServerPaths.FirstOrDefault(File.Exists);

    private static async Task<string?> TryInstallAsync(TextWriter log)
    {
        if (!File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
        {
            await log.WriteLineAsync("demo: redis-server is not installed and cannot be installed here (needs apt-get as root).");
            return null;
        }

        await log.WriteLineAsync("demo: installing redis-server with apt-get (once) ...");
        foreach (var args in AptSteps)
        {
            using var apt = Process.Start(new ProcessStartInfo("/usr/bin/apt-get", args) { UseShellExecute = false })!;
            await apt.WaitForExitAsync();
        }

        return Find();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
