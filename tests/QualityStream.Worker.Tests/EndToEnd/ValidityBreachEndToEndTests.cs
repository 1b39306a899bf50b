using System.Collections.Concurrent;
using System.Text.Json;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Tests.EndToEnd;

[Collection(WorkerTests.Name)]
public sealed class ValidityBreachEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    private static readonly string StrictValidity = """{"window":"1h","warn":0.9,"breach":0.8,"clear":0.95,"minSample":10,"pendingSeconds":0,"confidence":0}""";

    [Fact]
    public async Task InvalidLeads_PushValidityBelowBreach_BoardBuyerTopicAndMetricsAllShowTheExactRate()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            beforeStart: w => w.Redis.GetDatabase().HashSetAsync($"{w.Prefix}qs:thresholds:validity", "default", StrictValidity));
        var board = new ConcurrentQueue<QualityStateChanged>();
        var acme = new ConcurrentQueue<QualityStateChanged>();
        var acmeNotices = new ConcurrentQueue<BuyerNotice>();
        await using var boardHub = await worker.ConnectHubAsync(WorkerUnderTest.BoardKey, board);
        await using var acmeHub = await worker.ConnectHubAsync(WorkerUnderTest.AcmeKey, acme, acmeNotices);

        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 10; i++)
        {
            // 7 valid leads, then 3 whose phone is not a valid US number: 7/10 = 70% < breach 80%.
            var phone = i < 7 ? "+15124873910" : "+1512000";
            worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery($"L-{i}", "acme-auto", "fb-camp-7", now, phone));
        }

        worker.Produce(worker.Deliveries, "bolt-legal", TestEvents.Delivery("L-b1", "bolt-legal", "fb-camp-7", now, "+1512000"));
        worker.Flush();

        await Poll.UntilAsync(() => board.Count(c => c.BuyerId == "acme-auto" || c.Scope == CellScope.Source) >= 3, TimeSpan.FromSeconds(20), "three breaches on the board");
        var breaches = board.Where(c => c.Metric == Metric.Validity && c.To == MetricStatus.Breach).ToList();
        Assert.All(breaches.Where(c => c.BuyerId == "acme-auto"), c => Assert.Equal((MetricStatus.Ok, 0.7, 10L, "default"), (c.From, c.Rate!.Value, c.Sample, c.ThresholdScope)));
        Assert.Equal([CellScope.Buyer, CellScope.BuyerSource], breaches.Where(c => c.BuyerId == "acme-auto").Select(c => c.Scope).Order());
        // Each stream (acme's partition task, the source stage) numbers its changes 1, 2, 3, … with no gap.
        Assert.All(board.GroupBy(c => c.Stream), stream =>
            Assert.Equal(Enumerable.Range(1, stream.Count()).Select(i => (long)i), stream.Select(c => c.Seq)));
        Assert.Contains(board, c => c.Stream == "sources" && c.Scope == CellScope.Source);
        Assert.All(board.Where(c => c.Scope != CellScope.Source), c => Assert.Matches("^p[0-3]$", c.Stream));

        // The buyer sees its own two cells and never the source cell nor another buyer.
        await Poll.UntilAsync(() => acme.Count >= 2 && acmeNotices.Count >= 2, TimeSpan.FromSeconds(20), "acme's changes and notices");
        Assert.All(acme, c => Assert.Equal("acme-auto", c.BuyerId));
        Assert.DoesNotContain(acme, c => c.Scope == CellScope.Source);
        Assert.All(acmeNotices, n => Assert.Equal(("acme-auto", NoticeKind.Breach), (n.BuyerId, n.Kind)));
        Assert.Contains(acmeNotices, n => n.Message.Contains("70%", StringComparison.Ordinal));

        var topic = await worker.ReadTopicAsync(worker.StateChanges, r => r.Count >= breaches.Count, TimeSpan.FromSeconds(20));
        Assert.Contains(topic, m => m.Message.Key == "source:fb-camp-7");
        Assert.Contains(topic, m => m.Message.Key == "acme-auto" && JsonDocument.Parse(m.Message.Value).RootElement.GetProperty("rate").GetDouble() == 0.7);
        var notices = await worker.ReadTopicAsync(worker.Notices, r => r.Count(m => m.Message.Key == "acme-auto") >= 2, TimeSpan.FromSeconds(20));
        Assert.Equal(2, notices.Count(m => m.Message.Key == "acme-auto"));

        var metrics = await worker.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("""qualitystream_rate{metric="validity",window="1h",scope="buyer",buyer="acme-auto",source=""} 0.7""", metrics, StringComparison.Ordinal);
        Assert.Contains("""qualitystream_state{metric="validity",window="1h",scope="buyer",buyer="acme-auto",source=""} 2""", metrics, StringComparison.Ordinal);
        Assert.Contains("""qualitystream_sample{metric="validity",window="1h",scope="buyer_source",buyer="acme-auto",source="fb-camp-7"} 10""", metrics, StringComparison.Ordinal);
        Assert.Contains($$"""qualitystream_events_total{topic="{{worker.Deliveries}}",outcome="applied"} 11""", metrics, StringComparison.Ordinal);
        Assert.Contains("""qualitystream_state_changes_total{metric="validity",to="breach"}""", metrics, StringComparison.Ordinal);
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"qualitystream_event_to_state_change_seconds_count [1-9]"), metrics);
    }
}
