using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using QualityStream.EmbeddedKafka;
using QualityStream.Worker;

namespace QualityStream.Deploy.Tests.Live;

/// <summary>
/// Everything the dashboards look at, for real: redis-server with thresholds, the embedded Kafka-protocol broker with
/// the five topics, the worker, the simulator with early incidents, and Prometheus scraping the worker every second
/// with deploy/prometheus/rules.yml loaded. Ready once Prometheus holds rate series and at least one breach.
/// Outside CI, missing prometheus or redis-server leaves <see cref="Available"/> false; in CI it fails the tests.
/// </summary>
public sealed class LiveEnvironment : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private RedisServer? _redis;
    private EmbeddedKafkaCluster? _kafka;
    private WebApplication? _worker;
    private LiveTraffic? _traffic;
    private PrometheusServer? _prometheus;

    public bool Available { get; private set; }

    /// <summary>The buyer the drill-down dashboard is shown for: of those Prometheus lists, the one with the most alerting cells.</summary>
    public string Buyer { get; private set; } = "";

    /// <summary>Every shipped expression, with $buyer and $window (1h) filled in.</summary>
    public IReadOnlyList<PromQlExpression> Expressions { get; private set; } = [];

    internal PrometheusServer Prometheus => _prometheus ?? throw new InvalidOperationException("the live environment did not start");

    /// <summary>How long it took from nothing to rate series and a breach in Prometheus.</summary>
    public TimeSpan StartedIn { get; private set; }

    public async Task InitializeAsync()
    {
        if (ExternalTool.Require("prometheus") is not { } prometheus || ExternalTool.Require("redis-server") is null)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        _redis = await RedisServer.StartAsync();
        await LiveThresholds.SeedAsync(_redis.Configuration);
        _kafka = EmbeddedKafkaCluster.Start();
        // The worker's group forms at once instead of after the broker's default 3 s initial rebalance delay.
        _kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        Topics.CreateDefaults(_kafka, 4);
        var management = FreePort.Next();
        _worker = WorkerHost.Build([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Redis:Configuration"] = _redis.Configuration,
            ["Http:Port"] = "0",
            ["Http:ManagementPort"] = management.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The source stage judges a second once every task has closed it; a partition without traffic closes its
            // seconds after the quiet lag, so the sources' series appear within a second instead of half a minute.
            ["Quality:QuietLagSeconds"] = "1",
            // Each simulated buyer takes 30–60 % of its leads from one main source: at 30 % they all warn, so the
            // account alert's series exist within seconds rather than only in a skewed market.
            ["Accounts:SourceShareWarn"] = "0.3",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await _worker.StartAsync();
        _traffic = new LiveTraffic(_kafka.BootstrapServers);
        // Prometheus scrapes the management port, as deployed (deploy/prometheus/prometheus.yml, k8s/base/servicemonitor.yaml).
        _prometheus = await PrometheusServer.StartAsync(prometheus, $"127.0.0.1:{management}", RepoPaths.Of("deploy/prometheus/rules.yml"));
        Available = true;
        await WaitForAsync("qualitystream_rate", "rate series scraped from the worker");
        await WaitForAsync("qualitystream_state == 2", "a cell in breach");
        await WaitForAsync("qualitystream_rate{scope=\"source\"}", "source series scraped from the worker");
        StartedIn = clock.Elapsed;
        Buyer = await ChooseBuyerAsync();
        Expressions = PromQlExpressions.CollectAll(new Dictionary<string, string>(StringComparer.Ordinal) { ["buyer"] = Buyer, ["window"] = "1h" });
    }

    /// <summary>Polls until <paramref name="expr"/> returns data, with the environment's own deadline.</summary>
    internal Task WaitForAsync(string expr, string what, TimeSpan? timeout = null) =>
        Poll.UntilAsync(async () => !(await Prometheus.QueryAsync(expr)).IsEmpty, timeout ?? ReadyTimeout, $"{what} ({expr})", Diagnose);

    public async Task DisposeAsync()
    {
        // Producers first, then the worker, so nothing writes into a broker or Redis that is already gone.
        if (_traffic is not null)
        {
            await _traffic.DisposeAsync();
        }

        if (_worker is not null)
        {
            await _worker.StopAsync();
            await _worker.DisposeAsync();
        }

        _kafka?.Dispose();
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private async Task<string> ChooseBuyerAsync()
    {
        // What Grafana's $buyer variable offers, ranked by what an operator would open first.
        var buyers = await Prometheus.LabelValuesAsync("buyer", "qualitystream_rate{scope=\"buyer\"}");
        Assert.NotEmpty(buyers);
        var ranked = await Prometheus.QueryAsync("sort_desc(sum by (buyer) (qualitystream_state{scope=~\"buyer|buyer_source\"}))");
        return ranked.Labels("buyer").FirstOrDefault(buyers.Contains) ?? buyers[0];
    }

    private string Diagnose()
    {
        string targets;
        try
        {
            targets = _prometheus?.Http.GetStringAsync(new Uri("api/v1/targets", UriKind.Relative)).GetAwaiter().GetResult() ?? "";
        }
        catch (HttpRequestException e)
        {
            targets = e.Message;
        }

        return $"{_traffic?.Status}\nPrometheus targets: {targets}\nPrometheus log: {_prometheus?.Output()}";
    }
}
