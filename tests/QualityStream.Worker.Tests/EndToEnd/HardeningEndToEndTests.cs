using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QualityStream.Core.Snapshots;

namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>No input takes the worker down, no event moves others' time, and no key reaches a log.</summary>
[Collection(WorkerTests.Name)]
public sealed class HardeningEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    [Fact]
    public async Task APoisonPillOfOverAMegabyte_IsDeadLetteredWithAPrefixOfItsBytes_AndTheNextEventIsStillApplied()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var pill = Encoding.UTF8.GetBytes(TestEvents.Delivery("L-pill", "acme-auto", "fb-camp-7", DateTimeOffset.UtcNow)
            .Replace("Ana", new string('A', 1_200_000), StringComparison.Ordinal));

        worker.ProduceLarge(worker.Deliveries, "acme-auto", pill);
        worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery("L-good", "acme-auto", "fb-camp-7", DateTimeOffset.UtcNow));
        worker.Flush();

        await Poll.UntilAsync(async () => (await BuyerSnapshot(worker)).Contains("\"denominator\":1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the event after the poison pill applied");
        var letter = Assert.Single(await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= 1, TimeSpan.FromSeconds(20)));
        Assert.Equal("too_large", Header(letter, "qs-error"));
        Assert.Equal(pill.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(letter, "qs-truncated"));
        Assert.InRange(Encoding.UTF8.GetByteCount(letter.Message.Value), 1, 1_000_000);
        Assert.StartsWith(letter.Message.Value, Encoding.UTF8.GetString(pill), StringComparison.Ordinal);
        using var ready = await worker.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.True(ready.IsSuccessStatusCode, "the worker is still running and ready");
    }

    [Fact]
    public async Task AKafkaKeyThatIsNotTheBuyerId_IsDeadLetteredAsBuyerMismatch_AndMovesNoRate()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);

        worker.Produce(worker.Deliveries, "bolt-legal", TestEvents.Delivery("L-1", "acme-auto", "fb-camp-7", DateTimeOffset.UtcNow));
        worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery("L-2", "acme-auto", "fb-camp-7", DateTimeOffset.UtcNow));
        worker.Flush();

        var letter = Assert.Single(await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= 1, TimeSpan.FromSeconds(30)));
        Assert.Equal("buyer_mismatch", Header(letter, "qs-error"));
        Assert.Contains("'bolt-legal'", Header(letter, "qs-error-detail"), StringComparison.Ordinal);
        await Poll.UntilAsync(async () => (await BuyerSnapshot(worker)).Contains("\"denominator\":1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the correctly keyed lead applied");
        Assert.Contains("\"denominator\":1", await BuyerSnapshot(worker), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventIdReusedForAnotherLead_IsDeadLetteredAsEventIdReused()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var now = DateTimeOffset.UtcNow;
        worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery("L-1", "acme-auto", "fb-camp-7", now));
        worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery("L-2", "acme-auto", "fb-camp-7", now));
        worker.Produce(worker.Feedback, "acme-auto", TestEvents.Contact("L-1", "acme-auto", now, "contacted", eventId: "f-1"));
        worker.Produce(worker.Feedback, "acme-auto", TestEvents.Contact("L-2", "acme-auto", now, "contacted", eventId: "f-1"));
        worker.Flush();

        var letter = Assert.Single(await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= 1, TimeSpan.FromSeconds(30)));
        Assert.Equal("event_id_reused", Header(letter, "qs-error"));
        Assert.Contains("\"leadId\":\"L-2\"", letter.Message.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedbackDatedMinutesAhead_DoesNotExpireAnotherBuyersHeldFeedback()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Quality:OrphanGraceSeconds"] = "60" });
        var now = DateTimeOffset.UtcNow;
        // acme's feedback comes before its lead, and waits for it (60 s of engine time).
        worker.Produce(worker.Feedback, "acme-auto", TestEvents.Contact("L-1", "acme-auto", now, "contacted"));
        worker.Flush();
        await Poll.UntilAsync(() => Held(worker) == 1, TimeSpan.FromSeconds(20), "acme's feedback held");

        // Another buyer's feedback dated four minutes ahead, within the future tolerance of five.
        worker.Produce(worker.Feedback, "bolt-legal", TestEvents.Contact("L-9", "bolt-legal", now.AddMinutes(4), "contacted"));
        worker.Flush();
        await Poll.UntilAsync(() => Held(worker) == 2, TimeSpan.FromSeconds(20), "bolt's feedback held too");
        worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery("L-1", "acme-auto", "fb-camp-7", now));
        worker.Flush();

        await Poll.UntilAsync(async () => (await BuyerSnapshot(worker, "contact")).Contains("\"denominator\":1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "acme's held contact applied when its lead came");
        Assert.Empty(await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= 1, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task NoApiKeyUsedInARun_AppearsInAnyLogLine_AtAnyLevel()
    {
        var log = new EverythingLogged();
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            services: s => s.AddSingleton<ILoggerProvider>(log));

        using (var request = WorkerUnderTest.Request(HttpMethod.Get, "/api/snapshot", WorkerUnderTest.BoardKey))
        {
            (await worker.Http.SendAsync(request)).Dispose();
        }

        (await worker.Http.GetAsync(new Uri($"/?key={WorkerUnderTest.BoardKey}", UriKind.Relative))).Dispose();
        (await worker.Http.GetAsync(new Uri($"/buyer?key={WorkerUnderTest.AcmeKey}&x=1", UriKind.Relative))).Dispose();
        using (var unknown = WorkerUnderTest.Request(HttpMethod.Get, "/api/snapshot", "not-a-key-but-secret"))
        {
            (await worker.Http.SendAsync(unknown)).Dispose();
        }

        var hub = await worker.ConnectHubAsync(WorkerUnderTest.AcmeKey, new ConcurrentQueue<QualityStateChanged>());
        await hub.InvokeAsync<QualitySnapshot>("GetSnapshot");
        await hub.DisposeAsync();

        Assert.Contains(log.Lines, l => l.Contains("/hubs/quality", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("[redacted]", StringComparison.Ordinal));
        foreach (var secret in new[] { WorkerUnderTest.BoardKey, WorkerUnderTest.AcmeKey, "not-a-key-but-secret" })
        {
            Assert.DoesNotContain(log.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static int Held(WorkerUnderTest worker) =>
        worker.Services.GetRequiredService<QualityStream.Worker.Pipeline.QualityPipeline>().PendingFeedback;

    private static string Header(Confluent.Kafka.ConsumeResult<string, string> m, string name) =>
        Encoding.UTF8.GetString(m.Message.Headers.GetLastBytes(name));

    private static async Task<string> BuyerSnapshot(WorkerUnderTest worker, string metric = "validity")
    {
        using var request = WorkerUnderTest.Request(HttpMethod.Get, "/api/snapshot?scope=buyer&window=1h&buyerId=acme-auto", WorkerUnderTest.BoardKey);
        using var response = await worker.Http.SendAsync(request);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var cell = json.RootElement.GetProperty("cells").EnumerateArray().FirstOrDefault();
        return cell.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "" : cell.GetProperty("metrics").GetProperty(metric).GetRawText();
    }

    /// <summary>Every line, every structured value and every exception a provider is handed, at every level.</summary>
    private sealed class EverythingLogged : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Collector(this);

        public void Dispose()
        {
        }

        private sealed class Collector(EverythingLogged owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                owner._lines.Enqueue(state.ToString() ?? "");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(" ", kv.Select(v => $"{v.Key}={v.Value}")) : "";
                owner._lines.Enqueue($"{formatter(state, exception)} | {values} | {exception}");
            }
        }
    }
}
