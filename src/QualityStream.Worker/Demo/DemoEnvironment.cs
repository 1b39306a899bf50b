using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using QualityStream.Core.Thresholds;
using QualityStream.EmbeddedKafka;
using QualityStream.Simulator;
using QualityStream.Simulator.Running;
using QualityStream.Worker.Api;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Thresholds;
using StackExchange.Redis;

namespace QualityStream.Worker.Demo;

/// <summary>
/// <c>--demo</c>: everything the worker needs in one process tree — an embedded Kafka-protocol broker with the topics,
/// a local redis-server with demo thresholds and API keys (or, when none can be started, the demo-only in-process
/// store with the same), and the simulator with its scripted incidents.
/// </summary>
public sealed class DemoEnvironment : IAsyncDisposable
{
    private const int Partitions = 6;
    private readonly EmbeddedKafkaCluster _kafka;
    private readonly LocalRedis? _redis;
    private readonly CancellationTokenSource _stop = new();
    private readonly double _rate;
    private Task? _simulator;

    private DemoEnvironment(EmbeddedKafkaCluster kafka, LocalRedis? redis, double rate)
    {
        _kafka = kafka;
        _redis = redis;
        _rate = rate;
    }

    public string AdminKey { get; } = NewKey("admin");

    public string BoardKey { get; } = NewKey("board");

    public string BuyerKey { get; } = NewKey("buyer");

    public string BuyerId { get; private set; } = "";

    public static async Task<DemoEnvironment?> StartIfRequestedAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!args.Contains("--demo"))
        {
            return null;
        }

        var log = Console.Out;
        var kafka = EmbeddedKafkaCluster.Start();
        // The demo wants its consumer group working at once, not after the broker's default 3 s rebalance delay.
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        Topics.CreateDefaults(kafka, Partitions);
        await log.WriteLineAsync($"demo: embedded Kafka-protocol broker at {kafka.BootstrapServers}, topics with {Partitions} partitions");
        var redis = await LocalRedis.TryStartAsync(log);
        var rate = args.SkipWhile(a => a != "--rate").Skip(1).Select(double.Parse).FirstOrDefault(200);
        var demo = new DemoEnvironment(kafka, redis, rate);
        if (redis is null)
        {
            // Seeded in Announce, once the worker's services (and so the in-process store) exist.
            await log.WriteLineAsync(InProcessDemoSeed.Notice);
            return demo;
        }

        await log.WriteLineAsync($"demo: redis-server at {redis.Configuration}");
        await demo.SeedAsync();
        return demo;
    }

    /// <summary>Points the worker at the demo's broker and Redis, or at the in-process store when there is no Redis.</summary>
    public void Configure(IConfigurationBuilder configuration)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        if (_redis is null)
        {
            settings[RedisOptions.InProcessKey] = "true";
        }
        else
        {
            settings["Redis:Configuration"] = _redis.Configuration;
        }

        configuration.AddInMemoryCollection(settings);
    }

    /// <summary>Starts the simulator once the worker listens, and prints where to look.</summary>
    public void Announce(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var inProcess = _redis is null ? app.Services.GetRequiredService<InProcessDemoStore>() : null;
        if (inProcess is not null)
        {
            InProcessDemoSeed.Seed(inProcess, DemoThresholds(), AdminKey, BoardKey);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var runner = new SimulatorRunner(new SimulatorOptions
            {
                BootstrapServers = _kafka.BootstrapServers,
                Rate = _rate,
                // Healthy contact rates sit above the default warn level (50%), so only the scripted incidents alert.
                ContactRateMin = 0.58,
                ContactRateMax = 0.72,
            }, TimeProvider.System, Console.Out);
            BuyerId = runner.Generator.Incidents.Select(i => i.BuyerId).FirstOrDefault(b => b is not null) ?? runner.Generator.Market.Buyers[0].BuyerId;
            if (inProcess is null)
            {
                SeedBuyerKey();
            }
            else
            {
                inProcess.AddKey(BuyerKey, new ApiKeyRecord(QualityRoles.Buyer, BuyerId));
            }

            _simulator = Task.Run(() => runner.RunAsync(_stop.Token));
            var management = app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.ManagementPort;
            var url = app.Urls.Select(u => u.Replace("0.0.0.0", "localhost", StringComparison.Ordinal))
                .FirstOrDefault(u => new Uri(u).Port != management) ?? "http://localhost:8080";
            Console.WriteLine($"""

                QualityStream demo is running.
                  Wall board:   {url}/?key={BoardKey}
                  Buyer page:   {url}/buyer?key={BuyerKey}   (buyer {BuyerId})
                  Snapshot:     curl -H 'Authorization: Bearer {BoardKey}' {url}/api/snapshot
                  Admin key:    {AdminKey}   (PUT {url}/api/thresholds/METRIC/SCOPE)
                  Metrics:      http://localhost:{management}/metrics   (management port: metrics and probes only)
                The simulator's first incident starts about 30 s from now; expect a breach within two minutes.

                """);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_simulator is not null)
        {
            await _simulator.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stop.Dispose();
        _redis?.Dispose();
        _kafka.Dispose();
    }

    // The built-in levels with a short pending time, so the incidents surface within a minute or two, and a larger
    // minimum sample, so small young cells do not alert. Contact is judged lower than the built-in levels: in the
    // first minutes of a run most leads have had only their first call.
    private static Dictionary<Metric, Threshold> DemoThresholds() => Metrics.All.ToDictionary(
        metric => metric,
        metric => metric == Metric.Contact
            ? ThresholdDefaults.For(metric) with { PendingSeconds = 20, MinSample = 50, Warn = 0.30, Breach = 0.20, Clear = 0.35 }
            : ThresholdDefaults.For(metric) with { PendingSeconds = 20, MinSample = 50 });

    private async Task SeedAsync()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis!.Configuration);
        var db = redis.GetDatabase();
        foreach (var (metric, t) in DemoThresholds())
        {
            await db.HashSetAsync($"qs:thresholds:{metric.Code()}", "default", ThresholdJson.Write(t));
        }

        await AddKeyAsync(db, AdminKey, """{"role":"admin"}""");
        await AddKeyAsync(db, BoardKey, """{"role":"board"}""");
    }

    private void SeedBuyerKey()
    {
        using var redis = ConnectionMultiplexer.Connect(_redis!.Configuration);
        AddKeyAsync(redis.GetDatabase(), BuyerKey, $$"""{"role":"buyer","buyerId":"{{BuyerId}}"}""").GetAwaiter().GetResult();
    }

    private static Task<bool> AddKeyAsync(IDatabase db, string key, string json) =>
        db.HashSetAsync("qs:apikeys", Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))), json);

    private static string NewKey(string role) => $"qs-{role}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
}
