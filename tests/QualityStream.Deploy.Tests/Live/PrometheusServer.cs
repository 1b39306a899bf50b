using System.Globalization;
using System.Text.Json;

namespace QualityStream.Deploy.Tests.Live;

/// <summary>
/// A real Prometheus (the Debian package's /usr/bin/prometheus) on a free loopback port, with its own temporary
/// TSDB, scraping one target every second as job "qualitystream" and evaluating the given rule file every second.
/// The directory is deleted on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;
    private readonly ServerProcess _server;

    private PrometheusServer(DirectoryInfo directory, ServerProcess server, int port)
    {
        _directory = directory;
        _server = server;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/") };
    }

    public HttpClient Http { get; }

    public static async Task<PrometheusServer> StartAsync(string executable, string target, string ruleFile)
    {
        var directory = Directory.CreateTempSubdirectory("qs-prometheus-");
        var config = Path.Combine(directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, Config(target, ruleFile));
        var port = FreePort.Next();
        var server = ServerProcess.Start(executable,
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "--log.level=warn");
        var prometheus = new PrometheusServer(directory, server, port);
        try
        {
            await Poll.UntilAsync(prometheus.IsReadyAsync, TimeSpan.FromSeconds(30), "Prometheus ready", server.Output);
            return prometheus;
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
    }

    /// <summary>An instant query at the current time; a query Prometheus rejects comes back as status "error", not an exception.</summary>
    public async Task<PromAnswer> QueryAsync(string expr)
    {
        using var response = await Http.GetAsync(new Uri($"api/v1/query?query={Uri.EscapeDataString(expr)}", UriKind.Relative));
        return PromAnswer.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string match)
    {
        var json = await Http.GetStringAsync(new Uri($"api/v1/label/{label}/values?match[]={Uri.EscapeDataString(match)}", UriKind.Relative));
        return [.. JsonDocument.Parse(json).RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>The raw /api/v1/rules answer (rule health, last error, alerts).</summary>
    public Task<string> RulesAsync() => Http.GetStringAsync(new Uri("api/v1/rules", UriKind.Relative));

    public string Output() => _server.Output();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    private async Task<bool> IsReadyAsync()
    {
        if (_server.HasExited)
        {
            throw new InvalidOperationException($"prometheus exited:\n{_server.Output()}");
        }

        using var response = await Http.GetAsync(new Uri("-/ready", UriKind.Relative));
        return response.IsSuccessStatusCode;
    }

    // JSON strings are valid YAML scalars, so paths and addresses are quoted safely.
    private static string Config(string target, string ruleFile) => $"""
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        rule_files:
          - {JsonSerializer.Serialize(ruleFile)}
        scrape_configs:
          - job_name: qualitystream
            metrics_path: /metrics
            static_configs:
              - targets: [{JsonSerializer.Serialize(target)}]
        """;
}
