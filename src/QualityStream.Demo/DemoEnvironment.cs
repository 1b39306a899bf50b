using Microsoft.Extensions.Options;
using QualityStream.Core.Serialization;
using QualityStream.Core.Thresholds;
using QualityStream.EmbeddedKafka;
using QualityStream.Simulator;
using QualityStream.Simulator.Running;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Http;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Demo;

/// <summary>
/// What the demo adds around the worker: an embedded Kafka-protocol broker with the contract's topics, a local
/// redis-server seeded with demo thresholds and API keys, and the simulator with its scripted incidents. The worker
/// itself is the production one, pointed at these by configuration.
/// </summary>
public sealed class DemoEnvironment : IAsyncDisposable
{
    private const int Partitions = 6;
    private readonly EmbeddedKafkaCluster _kafka;
    private readonly LocalRedis _redis;
    private readonly ConnectionMultiplexer _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly double _rate;
    private Task? _simulator;

    private DemoEnvironment(EmbeddedKafkaCluster kafka, LocalRedis redis, ConnectionMultiplexer connection, double rate)
    {
        _kafka = kafka;
        _redis = redis;
        _connection = connection;
        _rate = rate;
    }

    private ApiKeyRegistry Keys => new(_connection, new RedisKeys(""), TimeProvider.System);

    /// <summary>Starts the broker and Redis and seeds Redis; throws <see cref="InvalidOperationException"/> when Redis cannot be had.</summary>
    public static async Task<DemoEnvironment> StartAsync(double rate, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var redis = await LocalRedis.TryStartAsync(log)
            ?? throw new InvalidOperationException("the demo needs redis-server (Debian: apt-get install redis-server)");
        await log.WriteLineAsync($"demo: redis-server at {redis.Configuration}");
        var kafka = EmbeddedKafkaCluster.Start();
        // The demo wants its consumer group working at once, not after the broker's default 3 s rebalance delay.
        kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        Topics.CreateDefaults(kafka, Partitions);
        await log.WriteLineAsync($"demo: embedded Kafka-protocol broker at {kafka.BootstrapServers}, topics with {Partitions} partitions");
        var demo = new DemoEnvironment(kafka, redis, await ConnectionMultiplexer.ConnectAsync(redis.Configuration), rate);
        await demo.SeedThresholdsAsync();
        return demo;
    }

    /// <summary>Points the worker at the demo's broker and Redis.</summary>
    public void Configure(IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Redis:Configuration"] = _redis.Configuration,
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        });

    /// <summary>Once the worker listens: makes the demo's keys, starts the simulator and prints where to look.</summary>
    public void Announce(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => AnnounceAsync(app)));
    }

    private async Task AnnounceAsync(WebApplication app)
    {
        var runner = new SimulatorRunner(new SimulatorOptions
        {
            BootstrapServers = _kafka.BootstrapServers,
            Rate = _rate,
            // Healthy contact rates sit above the default warn level (50%), so only the scripted incidents alert.
            ContactRateMin = 0.58,
            ContactRateMax = 0.72,
        }, TimeProvider.System, Console.Out);
        var buyerId = runner.Generator.Incidents.Select(i => i.BuyerId).FirstOrDefault(b => b is not null) ?? runner.Generator.Market.Buyers[0].BuyerId;
        var admin = await Keys.CreateAsync(new ApiKeyRecord(QualityRoles.Admin, null) { Name = "demo-admin" });
        var board = await Keys.CreateAsync(new ApiKeyRecord(QualityRoles.Board, null) { Name = "demo-board" });
        var buyer = await Keys.CreateAsync(new ApiKeyRecord(QualityRoles.Buyer, buyerId) { Name = "demo-buyer" });
        _simulator = Task.Run(() => runner.RunAsync(_stop.Token));
        var management = app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.ManagementPort;
        var url = app.Urls.Select(u => u.Replace("0.0.0.0", "localhost", StringComparison.Ordinal))
            .FirstOrDefault(u => new Uri(u).Port != management) ?? "http://localhost:8080";
        await Console.Out.WriteLineAsync($"""

            QualityStream demo is running.
              Wall board:   {url}/?key={board.Key}
              Buyer page:   {url}/buyer?key={buyer.Key}   (buyer {buyerId})
              Snapshot:     curl -H 'Authorization: Bearer {board.Key}' {url}/api/snapshot
              Admin key:    {admin.Key}   (PUT {url}/api/thresholds/METRIC/SCOPE)
              Metrics:      http://localhost:{management}/metrics   (management port: metrics and probes only)
            The simulator's first incident starts about 30 s from now; expect a breach within two minutes.

            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_simulator is not null)
        {
            await _simulator.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stop.Dispose();
        await _connection.DisposeAsync();
        _redis.Dispose();
        _kafka.Dispose();
    }

    // The built-in levels with a short pending time, so the incidents surface within a minute or two, and a larger
    // minimum sample, so small young cells do not alert. Contact is judged lower than the built-in levels: in the
    // first minutes of a run most leads have had only their first call.
    private async Task SeedThresholdsAsync()
    {
        var db = _connection.GetDatabase();
        var keys = new RedisKeys("");
        foreach (var metric in Metrics.All)
        {
            var threshold = metric == Metric.Contact
                ? ThresholdDefaults.For(metric) with { PendingSeconds = 20, MinSample = 50, Warn = 0.30, Breach = 0.20, Clear = 0.35 }
                : ThresholdDefaults.For(metric) with { PendingSeconds = 20, MinSample = 50 };
            await db.HashSetAsync(keys.Thresholds(metric), ThresholdScopes.Default, ThresholdJson.Write(threshold));
        }
    }
}
