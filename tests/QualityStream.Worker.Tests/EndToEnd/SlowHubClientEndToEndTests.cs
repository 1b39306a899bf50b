using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Feed;
using QualityStream.Worker.Tests.Hubs;
using Xunit.Abstractions;

namespace QualityStream.Worker.Tests.EndToEnd;

[Collection(WorkerTests.Name)]
public sealed partial class SlowHubClientEndToEndTests(BrokerFixture broker, RedisServer redis, ITestOutputHelper output)
{
    private const string StrictValidity = """{"window":"1h","warn":0.9,"breach":0.8,"clear":0.95,"minSample":10,"pendingSeconds":0,"confidence":0}""";
    private const int Buyers = 46;
    private const int Boards = 3;

    // Distinct buyer × source pairs, each a cell of its own, all in the boards' rates: megabytes more than the socket
    // buffers between the server and a client that does not read.
    private const int FloodPairs = 5_000;
    private const int FloodSources = 10;

    /// <summary>How much later than without the stalled client the last client may receive a change.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task BoardClientThatStopsReading_DelaysNoOtherClientsStateChanged_AndIsDropped()
    {
        // Longer than the default, so the change below is sent while the stalled client is still connected even on a
        // busy machine.
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Hub:SendTimeoutSeconds"] = "20" },
            beforeStart: w => w.Redis.GetDatabase().HashSetAsync($"{w.Prefix}qs:thresholds:validity", "default", StrictValidity));
        var feed = worker.Services.GetRequiredService<IQualityFeed>();
        var published = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var floodRowsPublished = 0;
        using var changes = feed.StateChanges.Subscribe(c =>
        {
            if (IsAcmeBreach(c))
            {
                published.TryAdd(c.SourceId!, Stopwatch.GetTimestamp());
            }
        });
        using var rates = feed.RatesUpdated.Subscribe(batch =>
            Interlocked.Add(ref floodRowsPublished, batch.Count(r => r is { Scope: CellScope.BuyerSource, Window: "1h", Metric: Metric.Validity } && r.BuyerId!.StartsWith("flood-", StringComparison.Ordinal))));
        var clients = new List<NormalClient>();
        try
        {
            for (var i = 0; i < Buyers; i++)
            {
                clients.Add(await NormalClient.ConnectAsync(worker, WorkerUnderTest.AcmeKey));
            }

            var now = DateTimeOffset.UtcNow;
            ProduceBreach(worker, "fb-camp-7", now);
            var alone = await ArrivalsAsync(clients, "fb-camp-7", published);
            output.WriteLine($"alone: {alone}");

            // A board key: it is sent every rates batch. The flood's batch stalls it, and it stays stalled while the
            // boards below connect and the change is sent.
            await using var stalled = await StalledHubClient.ConnectAsync(worker.BaseAddress, WorkerUnderTest.BoardKey);
            Flood(worker, now);
            await Poll.UntilAsync(() => Volatile.Read(ref floodRowsPublished) >= FloodPairs, TimeSpan.FromSeconds(60), "the flood's rates published to the hub");

            // Boards that connect after the flood have its cells in their snapshot, not in their rates.
            clients.AddRange(await Task.WhenAll(Enumerable.Range(0, Boards).Select(_ => NormalClient.ConnectAsync(worker, WorkerUnderTest.BoardKey))));
            ProduceBreach(worker, "google-search-2", now);
            var beside = await ArrivalsAsync(clients, "google-search-2", published);
            output.WriteLine($"beside a stalled client: {beside}");
            var droppedBefore = Dropped().IsMatch(await worker.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

            Assert.False(droppedBefore, "the stalled client was dropped before the change was sent, so nothing was sent beside it");
            Assert.True(beside.Latency <= alone.Latency + Tolerance,
                $"the last client received the change {beside.Latency.TotalMilliseconds:0} ms after the engine published it ({alone.Latency.TotalMilliseconds:0} ms with no stalled client)");
            await Poll.UntilAsync(async () => Dropped().IsMatch(await worker.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative))),
                TimeSpan.FromSeconds(60), "the stalled connection counted as dropped");
            Assert.True(await stalled.EndsWithinAsync(TimeSpan.FromSeconds(30)), "the server ended the stalled connection");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static bool IsAcmeBreach(QualityStateChanged c) => c is { Scope: CellScope.BuyerSource, BuyerId: "acme-auto", To: MetricStatus.Breach };

    /// <summary>Ten acme leads from one source, three of them invalid: acme's cell of that source breaches validity.</summary>
    private static void ProduceBreach(WorkerUnderTest worker, string source, DateTimeOffset now)
    {
        for (var i = 0; i < 10; i++)
        {
            worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery($"L-{source}-{i}", "acme-auto", source, now, i < 7 ? "+15124873910" : "+1512000"));
        }

        worker.Flush();
    }

    /// <summary>Valid leads, each on a buyer × source cell of its own, with a phone of its own (no duplicates).</summary>
    private static void Flood(WorkerUnderTest worker, DateTimeOffset now)
    {
        for (var i = 0; i < FloodPairs; i++)
        {
            var buyer = $"flood-b{i / FloodSources}";
            worker.Produce(worker.Deliveries, buyer, TestEvents.Delivery($"F-{i}", buyer, $"flood-s{i % FloodSources}", now, $"+1512{4_870_000 + i}"));
        }

        worker.Flush();
    }

    /// <summary>
    /// Waits until every client has acme's breach of <paramref name="source"/>; when they received it, measured from the
    /// moment the engine published it, so the broker's and the engine's own pace are not part of it.
    /// </summary>
    private static async Task<Arrivals> ArrivalsAsync(List<NormalClient> clients, string source, ConcurrentDictionary<string, long> published)
    {
        await Poll.UntilAsync(() => clients.All(c => c.ArrivalOf(source) is not null), TimeSpan.FromSeconds(30),
            $"acme's breach of {source} at every client", () => $"{clients.Count(c => c.ArrivalOf(source) is not null)} of {clients.Count} have it");
        var arrivals = clients.Select(c => c.ArrivalOf(source)!.Value).ToList();
        return new Arrivals(Stopwatch.GetElapsedTime(arrivals.Min(), arrivals.Max()), Stopwatch.GetElapsedTime(published[source], arrivals.Max()), clients.Count);
    }

    [GeneratedRegex("""^qualitystream_hub_connections_dropped_total\{reason="[a-z_]+"\} 1$""", RegexOptions.Multiline)]
    private static partial Regex Dropped();

    /// <param name="Latency">From the engine publishing the change to the last client receiving it.</param>
    /// <param name="Spread">From the first client receiving it to the last.</param>
    /// <param name="Clients">How many received it.</param>
    private sealed record Arrivals(TimeSpan Spread, TimeSpan Latency, int Clients)
    {
        public override string ToString() =>
            $"{Clients} clients received one change {Spread.TotalMilliseconds:0} ms apart, the last {Latency.TotalMilliseconds:0} ms after the engine published it";
    }

    /// <summary>A hub client that reads everything and notes when each of acme's validity breaches arrived.</summary>
    private sealed class NormalClient : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, long> _arrivals = new(StringComparer.Ordinal);
        private HubConnection _hub = null!;

        public static async Task<NormalClient> ConnectAsync(WorkerUnderTest worker, string key)
        {
            var client = new NormalClient();
            client._hub = await worker.ConnectHubAsync(key, new ConcurrentQueue<QualityStateChanged>());
            client._hub.On<QualityStateChanged>("StateChanged", c =>
            {
                if (IsAcmeBreach(c))
                {
                    client._arrivals.TryAdd(c.SourceId!, Stopwatch.GetTimestamp());
                }
            });

            // The server opens a connection's outbox while connecting; an invocation is answered only after that. A
            // board's snapshot holds every flood cell: read as plain JSON, it costs the test less than bound to records.
            await client._hub.InvokeAsync<JsonElement>("GetSnapshot");
            return client;
        }

        public long? ArrivalOf(string source) => _arrivals.TryGetValue(source, out var at) ? at : null;

        public ValueTask DisposeAsync() => _hub.DisposeAsync();
    }
}
