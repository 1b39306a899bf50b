using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.EmbeddedKafka;
using StackExchange.Redis;

namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>
/// The real worker on free ports (public and management), against the embedded broker (fresh topics and group per test) and a real Redis
/// (fresh key prefix per test). Helpers produce contract JSON, read output topics and poll for conditions.
/// </summary>
internal sealed class WorkerUnderTest : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";
    public const string BoardKey = "test-board-key";
    public const string AcmeKey = "test-acme-key";

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly IProducer<string, byte[]> _producer;
    private WebApplication? _app;
    private Dictionary<string, string?> _config = [];
    private Action<IServiceCollection>? _services;

    private WorkerUnderTest(EmbeddedKafkaCluster kafka, string redis)
    {
        Kafka = kafka;
        RedisConfiguration = redis;
        Redis = ConnectionMultiplexer.Connect(redis);
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 0 }).Build();
    }

    public EmbeddedKafkaCluster Kafka { get; }

    public string RedisConfiguration { get; }

    public ConnectionMultiplexer Redis { get; }

    public string Prefix => $"t{_id}:";

    public string GroupId => $"qs-{_id}";

    public string Deliveries => $"lead-deliveries-{_id}";

    public string Feedback => $"buyer-feedback-{_id}";

    public string StateChanges => $"quality-state-changes-{_id}";

    public string Notices => $"quality-notices-{_id}";

    public string DeadLetter => $"quality-deadletter-{_id}";

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>The management port's address (<c>/metrics</c> and the probes).</summary>
    public Uri ManagementAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>A client of the public port whose base address follows the worker across restarts.</summary>
    public HttpClient Http => _http ??= new HttpClient(new BaseAddressHandler(() => BaseAddress)) { BaseAddress = BaseAddressHandler.Placeholder };

    /// <summary>A client of the management port whose base address follows the worker across restarts.</summary>
    public HttpClient Management => _management ??= new HttpClient(new BaseAddressHandler(() => ManagementAddress)) { BaseAddress = BaseAddressHandler.Placeholder };

    private HttpClient? _http;
    private HttpClient? _management;

    public static async Task<WorkerUnderTest> StartAsync(EmbeddedKafkaCluster kafka, string redis, IDictionary<string, string?>? settings = null,
        Func<WorkerUnderTest, Task>? beforeStart = null, int feedbackPartitions = 4, bool waitUntilReady = true,
        Action<IServiceCollection>? services = null)
    {
        var w = new WorkerUnderTest(kafka, redis);
        foreach (var topic in new[] { w.Deliveries, w.StateChanges, w.Notices, w.DeadLetter })
        {
            kafka.CreateTopic(topic, 4);
        }

        kafka.CreateTopic(w.Feedback, feedbackPartitions);
        var db = w.Redis.GetDatabase();
        await AddKeyAsync(db, w.Prefix, AdminKey, """{"role":"admin"}""");
        await AddKeyAsync(db, w.Prefix, BoardKey, """{"role":"board"}""");
        await AddKeyAsync(db, w.Prefix, AcmeKey, """{"role":"buyer","buyerId":"acme-auto"}""");
        if (beforeStart is not null)
        {
            await beforeStart(w);
        }

        var config = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Kafka:GroupId"] = w.GroupId,
            // A restarted worker rejoins at once instead of waiting out the previous member's 45 s session.
            ["Kafka:SessionTimeoutMs"] = "6000",
            // The tests' partitions are mostly empty: a quiet task's time, which the source stage waits for, follows the
            // wall clock 1 s behind instead of 30 s, so source cells are judged within the tests' patience.
            ["Quality:QuietLagSeconds"] = "1",
            ["Kafka:Topics:Deliveries"] = w.Deliveries,
            ["Kafka:Topics:Feedback"] = w.Feedback,
            ["Kafka:Topics:StateChanges"] = w.StateChanges,
            ["Kafka:Topics:Notices"] = w.Notices,
            ["Kafka:Topics:DeadLetter"] = w.DeadLetter,
            ["Redis:Configuration"] = redis,
            ["Redis:KeyPrefix"] = w.Prefix,
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("QS_TEST_LOG") ?? "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            config[k] = v;
        }

        w._config = config;
        w._services = services;
        await w.LaunchAsync(waitUntilReady);
        return w;
    }

    public IServiceProvider Services => _app!.Services;

    /// <summary>Stops the worker (it stores and commits its offsets on the way out) and starts a new one in the same group.</summary>
    public async Task RestartAsync()
    {
        await StopAsync(_app!);
        await LaunchAsync(waitUntilReady: true);
    }

    /// <summary>
    /// Starts another worker in the same group on the same topics (scaling out), on ports of its own; returns once it
    /// has partitions, i.e. once the group has rebalanced around it. Disposing it stops it.
    /// </summary>
    public async Task<Member> StartMemberAsync()
    {
        var member = Build();
        await member.StartAsync();
        var status = member.Services.GetRequiredService<QualityStream.Worker.Ingestion.IngestionStatus>();
        await Poll.UntilAsync(() => status.AssignedCount > 0, TimeSpan.FromSeconds(60), "the new member to be assigned partitions");
        return new Member(member);
    }

    /// <summary>Another worker of the same group (<see cref="StartMemberAsync"/>).</summary>
    public sealed class Member(WebApplication app) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;

        public ValueTask DisposeAsync() => StopAsync(app);
    }

    /// <summary>
    /// A worker with this test's settings, on ports of its own: the public one chosen by the system as Kestrel binds it,
    /// the management one (which may not be 0) free a moment ago.
    /// </summary>
    private WebApplication Build()
    {
        var http = new Dictionary<string, string?>(_config)
        {
            ["Http:Port"] = "0",
            ["Http:ManagementPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        return WorkerHost.Build([], c => c.AddInMemoryCollection(http), _services);
    }

    private static async ValueTask StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task LaunchAsync(bool waitUntilReady)
    {
        _app = Build();
        try
        {
            await _app.StartAsync();
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // The management port was free when it was chosen, but another test's server took it since: choose again.
            await _app.DisposeAsync();
            await LaunchAsync(waitUntilReady);
            return;
        }
        catch (OperationCanceledException) when (!waitUntilReady && _app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            // The worker stopped itself while starting: a refusal (topics not co-partitioned) can come before the HTTP
            // server is bound, and stopping cancels the bind. That stop is what a caller not waiting for readiness is
            // here to see; there is no address to read.
            return;
        }

        var management = _app.Services.GetRequiredService<IOptions<QualityStream.Worker.Http.HttpOptions>>().Value.ManagementPort;
        var addresses = _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new UriBuilder(addresses.Select(a => new Uri(a)).First(a => a.Port != management)) { Host = "127.0.0.1" }.Uri;
        ManagementAddress = new UriBuilder(BaseAddress) { Port = management }.Uri;
        if (waitUntilReady)
        {
            var last = "";
            try
            {
                await Poll.UntilAsync(async () =>
                {
                    using var response = await Http.GetAsync(new Uri(BaseAddress, "/readyz"));
                    last = await response.Content.ReadAsStringAsync();
                    return response.IsSuccessStatusCode;
                }, TimeSpan.FromSeconds(30), "worker ready (partitions assigned, Redis reachable)");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}; last /readyz: {last}", e);
            }
        }
    }

    public void Produce(string topic, string key, string json, DateTimeOffset? timestamp = null) =>
        _producer.Produce(topic, new Message<string, byte[]>
        {
            Key = key,
            Value = TestEvents.Bytes(json),
            Timestamp = new Timestamp(timestamp ?? DateTimeOffset.UtcNow),
        });

    /// <summary>Produces to a chosen partition, whatever the key would choose (to put another buyer's event in a task).</summary>
    public void ProduceTo(string topic, int partition, string key, string json) =>
        _producer.Produce(new TopicPartition(topic, partition), new Message<string, byte[]>
        {
            Key = key,
            Value = TestEvents.Bytes(json),
            Timestamp = new Timestamp(DateTimeOffset.UtcNow),
        });

    public void Flush() => _producer.Flush(TimeSpan.FromSeconds(10));

    /// <summary>Produces one record larger than a client's default limit (1 MB), as a misbehaving producer could.</summary>
    public void ProduceLarge(string topic, string key, byte[] value)
    {
        using var large = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            MessageMaxBytes = 4 * 1024 * 1024,
        }).Build();
        large.Produce(topic, new Message<string, byte[]> { Key = key, Value = value, Timestamp = new Timestamp(DateTimeOffset.UtcNow) });
        large.Flush(TimeSpan.FromSeconds(10));
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? key)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    public async Task<HubConnection> ConnectHubAsync(string? key, ConcurrentQueue<QualityStateChanged> changes, ConcurrentQueue<BuyerNotice>? notices = null)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/quality"), o => o.AccessTokenProvider = () => Task.FromResult(key))
            .Build();
        hub.On<QualityStateChanged>("StateChanged", changes.Enqueue);
        if (notices is not null)
        {
            hub.On<BuyerNotice>("Notice", notices.Enqueue);
        }

        await hub.StartAsync();
        return hub;
    }

    /// <summary>Every message on a topic from the beginning, read until <paramref name="until"/> holds or the timeout.</summary>
    public async Task<List<ConsumeResult<string, string>>> ReadTopicAsync(string topic, Func<List<ConsumeResult<string, string>>, bool> until, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var read = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow + timeout;
        while (!until(read) && DateTime.UtcNow < deadline)
        {
            var m = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (m is not null && !m.IsPartitionEOF)
            {
                read.Add(m);
            }
        }

        consumer.Close();
        await Task.CompletedTask;
        return read;
    }

    public static Task AddKeyAsync(IDatabase db, string prefix, string key, string json) =>
        db.HashSetAsync($"{prefix}qs:apikeys", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), json);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await StopAsync(_app);
        }

        _producer.Dispose();
        _http?.Dispose();
        _management?.Dispose();
        await Redis.DisposeAsync();
    }
}
