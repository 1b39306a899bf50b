using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QualityStream.EmbeddedKafka;
using QualityStream.Worker.Kafka;
using QualityStream.Worker.Tests.Thresholds;

namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>An operator can tell a missing broker from a slow start, and the worker waits for it instead of exiting.</summary>
[Collection(WorkerTests.Name)]
public sealed class BrokerOutageEndToEndTests(RedisServer redis)
{
    [Fact]
    public async Task AWorkerStartedWhileItsBrokerIsDown_SaysSoOnReadyz_InAFewLogLines_AndWorksOnceTheBrokerIsBack()
    {
        // A broker of its own: the shared one must stay up for the other tests.
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        var log = new CollectingLoggerProvider();
        await using var worker = await WorkerUnderTest.StartAsync(cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Logging:LogLevel:QualityStream"] = "Debug" },
            beforeStart: _ =>
            {
                cluster.SetBrokerDown(1);
                return Task.CompletedTask;
            },
            waitUntilReady: false,
            services: s => s.AddSingleton<ILoggerProvider>(log));

        var readyz = "";
        await Poll.UntilAsync(async () =>
        {
            using var response = await worker.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
            readyz = await response.Content.ReadAsStringAsync();
            return readyz.Contains("Kafka broker unreachable", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "/readyz to name the broker", () => readyz);
        // Long enough for many connection attempts and for the topic check to time out twice (it used to stop the worker).
        var brokers = worker.Services.GetRequiredService<BrokerConnectivity>();
        await Poll.UntilAsync(() => brokers.Unreachable is { } down && DateTimeOffset.UtcNow - down.Since > TimeSpan.FromSeconds(12),
            TimeSpan.FromSeconds(60), "the broker to stay away for a while");
        Assert.True(log.Lines.Count(l => l.Message.Contains("librdkafka", StringComparison.Ordinal)) >= 20, "librdkafka retried many times");
        Assert.False(worker.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        var loud = log.Lines.Where(l => l.Level >= LogLevel.Warning && l.Category.Contains("Worker", StringComparison.Ordinal)).ToList();
        Assert.True(loud.Count <= 3, string.Join("\n", loud.Select(l => $"{l.Level} {l.Category}: {l.Message}")));

        cluster.SetBrokerUp(1);
        await Poll.UntilAsync(async () => (await worker.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "the worker ready once the broker is back");
        worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery("L-1", "acme-auto", "fb-camp-7", DateTimeOffset.UtcNow));
        worker.Flush();
        await Poll.UntilAsync(async () =>
        {
            using var request = WorkerUnderTest.Request(HttpMethod.Get, "/api/snapshot?scope=buyer&window=1h", WorkerUnderTest.BoardKey);
            using var response = await worker.Http.SendAsync(request);
            return (await response.Content.ReadAsStringAsync()).Contains("\"denominator\":1", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "a lead applied after the outage");
        Assert.Contains(log.Lines, l => l.Message.StartsWith("Kafka brokers reachable again", StringComparison.Ordinal));
    }
}
