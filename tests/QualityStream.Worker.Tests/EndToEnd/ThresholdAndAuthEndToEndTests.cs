using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using Xunit.Abstractions;

namespace QualityStream.Worker.Tests.EndToEnd;

[Collection(WorkerTests.Name)]
public sealed class ThresholdAndAuthEndToEndTests(BrokerFixture broker, RedisServer redis, ITestOutputHelper output)
{
    [Fact]
    public async Task ThresholdChangedInRedis_ChangesACellsStateWithoutRestart_AndAnInvalidOneIsRejected()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var board = new ConcurrentQueue<QualityStateChanged>();
        await using var hub = await worker.ConnectHubAsync(WorkerUnderTest.BoardKey, board);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 100; i++)
        {
            // 92% valid: exactly at the built-in warn level, so not beyond it.
            worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery($"L-{i}", "acme-auto", "fb-camp-7", now, i < 92 ? "+15124873910" : "+1512000"));
        }

        worker.Flush();
        await Poll.UntilAsync(async () => (await worker.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative)))
            .Contains("""qualitystream_sample{metric="validity",window="1h",scope="buyer",buyer="acme-auto",source=""} 100""", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "100 leads applied");
        Assert.Empty(board);

        var db = worker.Redis.GetDatabase();
        await db.HashSetAsync($"{worker.Prefix}qs:thresholds:validity", "buyer:acme-auto",
            """{"window":"1h","warn":0.96,"breach":0.93,"clear":0.97,"minSample":10,"pendingSeconds":0,"confidence":0}""");
        var published = Stopwatch.StartNew();
        await db.PublishAsync(StackExchange.Redis.RedisChannel.Literal($"{worker.Prefix}qs:thresholds:changed"), "validity");
        await Poll.UntilAsync(() => board.Any(c => c.Scope == CellScope.Buyer && c.To == MetricStatus.Breach), TimeSpan.FromSeconds(5), "breach after the threshold change");
        output.WriteLine($"threshold change -> StateChanged on the hub: {published.ElapsedMilliseconds} ms");
        Assert.Equal("buyer:acme-auto", board.Single(c => c.Scope == CellScope.Buyer).ThresholdScope);

        // clear below warn for a low-is-bad metric: rejected, the previous threshold stays in force.
        await db.HashSetAsync($"{worker.Prefix}qs:thresholds:validity", "buyer:acme-auto",
            """{"window":"1h","warn":0.5,"breach":0.4,"clear":0.3,"minSample":10,"pendingSeconds":0}""");
        await db.PublishAsync(StackExchange.Redis.RedisChannel.Literal($"{worker.Prefix}qs:thresholds:changed"), "validity");
        using var request = WorkerUnderTest.Request(HttpMethod.Get, "/api/thresholds", WorkerUnderTest.AdminKey);
        await Poll.UntilAsync(async () => (await (await worker.Http.SendAsync(Clone(request))).Content.ReadAsStringAsync()).Contains("clear", StringComparison.Ordinal)
            && (await (await worker.Http.SendAsync(Clone(request))).Content.ReadAsStringAsync()).Contains("rejected", StringComparison.OrdinalIgnoreCase),
            TimeSpan.FromSeconds(5), "the invalid threshold reported as rejected");
        Assert.DoesNotContain(board, c => c.Scope == CellScope.Buyer && c.To == MetricStatus.Ok);
    }

    [Fact]
    public async Task Keys_DecideWhoSeesWhat_NoKeyGets401_ABuyerOnlyItsOwnCells()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var now = DateTimeOffset.UtcNow;
        worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery("L-a", "acme-auto", "fb-camp-7", now));
        worker.Produce(worker.Deliveries, "bolt-legal", TestEvents.Delivery("L-b", "bolt-legal", "fb-camp-7", now));
        worker.Flush();

        using (var anonymous = WorkerUnderTest.Request(HttpMethod.Get, "/api/snapshot", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await worker.Http.SendAsync(anonymous)).StatusCode);
        }

        var noKey = new ConcurrentQueue<QualityStateChanged>();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => worker.ConnectHubAsync(null, noKey));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // The two buyers' leads are on different partitions, applied in either order: wait for both.
        await Poll.UntilAsync(async () => await Get(worker, "/api/snapshot", WorkerUnderTest.BoardKey) is var board
                && board.Contains("bolt-legal", StringComparison.Ordinal) && board.Contains("acme-auto", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "both buyers on the board");
        var own = await Get(worker, "/api/snapshot", WorkerUnderTest.AcmeKey);
        Assert.Contains("acme-auto", own, StringComparison.Ordinal);
        Assert.DoesNotContain("bolt-legal", own, StringComparison.Ordinal);
        Assert.DoesNotContain("\"scope\":\"source\"", own, StringComparison.Ordinal);
        using var foreign = WorkerUnderTest.Request(HttpMethod.Get, "/api/snapshot?buyerId=bolt-legal", WorkerUnderTest.AcmeKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.Http.SendAsync(foreign)).StatusCode);

        var changes = new ConcurrentQueue<QualityStateChanged>();
        await using var hub = await worker.ConnectHubAsync(WorkerUnderTest.AcmeKey, changes);
        var snapshot = await hub.InvokeAsync<QualitySnapshot>("GetSnapshot");
        Assert.All(snapshot.Cells, c => Assert.Equal("acme-auto", c.BuyerId));
        Assert.DoesNotContain(snapshot.Cells, c => c.Scope == CellScope.Source);
    }

    private static async Task<string> Get(WorkerUnderTest worker, string path, string key)
    {
        using var request = WorkerUnderTest.Request(HttpMethod.Get, path, key);
        using var response = await worker.Http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri);
        clone.Headers.Authorization = request.Headers.Authorization;
        return clone;
    }
}
