using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QualityStream.Core.Notices;
using QualityStream.Core.Serialization;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Ledger;
using QualityStream.Worker.Tests.EndToEnd;

namespace QualityStream.Worker.Tests.Ledger;

[Collection(WorkerTests.Name)]
public sealed class LedgerEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    private const string StrictValidity = """{"window":"1h","warn":0.9,"breach":0.8,"clear":0.95,"minSample":10,"pendingSeconds":0}""";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task IncidentThatOpensAndCloses_IsListedWithItsTimesDurationAndPeak_AndSurvivesARestart()
    {
        await using var worker = await StartStrictAsync();
        var now = DateTimeOffset.UtcNow;
        BreachAcme(worker, now);
        await Poll.UntilAsync(async () => (await LedgerClient.IncidentsAsync(worker, "?buyerId=acme-auto&state=breach")).Count >= 2, Patience, "acme's breaches in the ledger");
        // Deeper into breach without a state change (7/20 = 35%): the peak follows the rates, not only the changes.
        ProduceAcme(worker, now, 10, 20, valid: false);
        await Poll.UntilAsync(async () => (await LedgerClient.IncidentsAsync(worker, "?buyerId=acme-auto")).All(i => i.GetProperty("peakRate").GetDouble() == 0.35),
            Patience, "the open incidents' peak at 35%");
        // Enough valid leads to bring validity back past clear: 257/270 > 95%.
        ProduceAcme(worker, now, 20, 270, valid: true);
        await Poll.UntilAsync(async () => (await LedgerClient.IncidentsAsync(worker, "?buyerId=acme-auto&state=closed")).Count >= 2, Patience, "acme's incidents closed in the ledger");

        var before = await LedgerClient.IncidentsAsync(worker, "?buyerId=acme-auto");
        var buyer = Assert.Single(before, i => i.Str("scope") == "buyer");
        Assert.Equal(("validity", "1h", "closed", "breach", "rate"), (buyer.Str("metric"), buyer.Str("window"), buyer.Str("state"), buyer.Str("worst"), buyer.Str("closeReason")));
        var opened = buyer.GetProperty("openedAt").GetDateTimeOffset();
        var closed = buyer.GetProperty("closedAt").GetDateTimeOffset();
        Assert.True(closed >= opened);
        Assert.Equal(opened, buyer.GetProperty("escalatedAt").GetDateTimeOffset());
        Assert.Equal((long)(closed - opened).TotalSeconds, buyer.GetProperty("durationSeconds").GetInt64());
        Assert.Equal(0.35, buyer.GetProperty("peakRate").GetDouble());
        Assert.True(buyer.GetProperty("lastRate").GetDouble() >= 0.95);
        Assert.Equal(0.8, buyer.GetProperty("threshold").GetProperty("breach").GetDouble());
        Assert.Equal("default", buyer.Str("thresholdScope"));
        Assert.Equal(
            ["incidentId", "metric", "window", "scope", "buyerId", "sourceId", "state", "worst", "openedAt", "escalatedAt", "closedAt",
             "durationSeconds", "peakRate", "lastRate", "sample", "threshold", "thresholdScope", "closeReason"],
            buyer.EnumerateObject().Select(p => p.Name));

        await worker.RestartAsync();

        var after = await LedgerClient.IncidentsAsync(worker, "?buyerId=acme-auto");
        Assert.Equal(before.Select(i => i.GetRawText()), after.Select(i => i.GetRawText()));
    }

    [Fact]
    public async Task RedeliveredStateChange_DoesNotAlterTheRecord()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var open = Change(1, "inc-redelivered", CellScope.Buyer, "acme-auto", null, MetricStatus.Ok, MetricStatus.Breach, 0.5, at);
        var close = Change(2, "inc-redelivered", CellScope.Buyer, "acme-auto", null, MetricStatus.Breach, MetricStatus.Ok, 0.96, at.AddMinutes(10));
        ProduceChanges(worker, open, close);
        await Poll.UntilAsync(async () => (await LedgerClient.IncidentsAsync(worker, "?state=closed")).Count == 1, Patience, "the incident closed in the ledger");
        var before = Assert.Single(await LedgerClient.IncidentsAsync(worker, ""));

        // The opening change again (a redelivery), then a change of another incident to know the projector has passed it.
        ProduceChanges(worker, open, Change(3, "inc-marker", CellScope.Buyer, "acme-auto", null, MetricStatus.Ok, MetricStatus.Warning, 0.85, at.AddMinutes(20)));
        await Poll.UntilAsync(async () => (await LedgerClient.IncidentsAsync(worker, "")).Count == 2, Patience, "the marker incident in the ledger");

        var after = Assert.Single(await LedgerClient.IncidentsAsync(worker, ""), i => i.Str("incidentId") == "inc-redelivered");
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal(("closed", 0.5, 0.96), (after.Str("state"), after.GetProperty("peakRate").GetDouble(), after.GetProperty("lastRate").GetDouble()));
    }

    [Fact]
    public async Task BuyerKey_SeesOnlyItsOwnIncidentsAndNotices_NeverSourceScope()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        ProduceChanges(worker,
            Change(1, "inc-acme", CellScope.Buyer, "acme-auto", null, MetricStatus.Ok, MetricStatus.Breach, 0.5, at),
            Change(2, "inc-acme-src", CellScope.BuyerSource, "acme-auto", "fb-camp-7", MetricStatus.Ok, MetricStatus.Breach, 0.5, at),
            Change(3, "inc-bolt", CellScope.Buyer, "bolt-legal", null, MetricStatus.Ok, MetricStatus.Breach, 0.5, at),
            Change(4, "inc-src", CellScope.Source, null, "fb-camp-7", MetricStatus.Ok, MetricStatus.Breach, 0.5, at));
        ProduceNotice(worker, Notice("acme-auto", "inc-acme", at));
        ProduceNotice(worker, Notice("bolt-legal", "inc-bolt", at));
        worker.Flush();
        await Poll.UntilAsync(async () => (await LedgerClient.IncidentsAsync(worker, "")).Count == 4
            && (await LedgerClient.GetAsync(worker, "/api/notices", WorkerUnderTest.BoardKey)).GetProperty("notices").GetArrayLength() == 2,
            Patience, "four incidents and two notices in the ledger");

        var acme = await LedgerClient.IncidentsAsync(worker, "", WorkerUnderTest.AcmeKey);
        Assert.Equal(["inc-acme", "inc-acme-src"], acme.Select(i => i.Str("incidentId")!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await LedgerClient.IncidentsAsync(worker, "?sourceId=fb-camp-7", WorkerUnderTest.AcmeKey), i => i.Str("scope") == "source");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, await LedgerClient.StatusAsync(worker, "/api/incidents?buyerId=bolt-legal", WorkerUnderTest.AcmeKey));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, await LedgerClient.StatusAsync(worker, "/api/notices?buyerId=bolt-legal", WorkerUnderTest.AcmeKey));
        var notices = (await LedgerClient.GetAsync(worker, "/api/notices", WorkerUnderTest.AcmeKey)).GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal("inc-acme", Assert.Single(notices).Str("incidentId"));
        Assert.Equal(4, (await LedgerClient.IncidentsAsync(worker, "", WorkerUnderTest.BoardKey)).Count);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, await LedgerClient.StatusAsync(worker, "/api/review", WorkerUnderTest.AcmeKey));
    }

    [Fact]
    public async Task RatesFlowing_GiveTheCellHistoryPointsAndSparklines()
    {
        await using var worker = await StartStrictAsync();
        BreachAcme(worker, DateTimeOffset.UtcNow);
        JsonElement history = default;
        await Poll.UntilAsync(async () =>
        {
            history = await LedgerClient.GetAsync(worker, "/api/history?scope=buyer&buyerId=acme-auto&window=1h", WorkerUnderTest.AcmeKey);
            return history.GetProperty("points").GetArrayLength() > 0
                && history.GetProperty("points")[0].GetProperty("samples").GetProperty("validity").GetInt64() == 10;
        }, Patience, "a history point of acme's buyer cell");

        var point = history.GetProperty("points")[0];
        Assert.Equal("5m", history.Str("step"));
        Assert.Equal(0.7, point.GetProperty("rates").GetProperty("validity").GetDouble());
        Assert.Equal(JsonValueKind.Null, point.GetProperty("rates").GetProperty("contact").ValueKind);
        var sparklines = await LedgerClient.GetAsync(worker, "/api/history/sparklines?scope=buyer&window=1h&hours=6", WorkerUnderTest.BoardKey);
        var acme = Assert.Single(sparklines.GetProperty("cells").EnumerateArray(), c => c.Str("buyerId") == "acme-auto");
        Assert.Equal(72, acme.GetProperty("validity").GetArrayLength());
        Assert.Equal(0.7, acme.GetProperty("validity")[71].GetDouble());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, await LedgerClient.StatusAsync(worker, "/api/history?scope=source&sourceId=fb-camp-7", WorkerUnderTest.AcmeKey));
    }

    [Fact]
    public async Task OvernightBreach_IsInTheReview_AndCostsTheBuyerTrustOnceInTheApiAndMetrics()
    {
        await using var worker = await StartStrictAsync();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        BreachAcme(worker, DateTimeOffset.UtcNow);
        await Poll.UntilAsync(async () => (await LedgerClient.IncidentsAsync(worker, "?buyerId=acme-auto&state=breach")).Count >= 2, Patience, "acme's breaches in the ledger");

        // The buyer cell and the buyer×source cell breached together: one problem, 90 %.
        var trust = Assert.Single((await LedgerClient.GetAsync(worker, "/api/trust", WorkerUnderTest.AcmeKey)).GetProperty("buyers").EnumerateArray());
        Assert.Equal(("acme-auto", 1, 0.9), (trust.Str("buyerId"), trust.GetProperty("incidents90d").GetInt32(), trust.GetProperty("trust").GetDouble()));
        var metrics = await worker.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("""qualitystream_buyer_trust{buyer="acme-auto"} 0.9""", metrics, StringComparison.Ordinal);
        Assert.Contains("""qualitystream_buyer_incidents_90d{buyer="acme-auto"} 1""", metrics, StringComparison.Ordinal);

        var review = await LedgerClient.GetAsync(worker, $"/api/review?since={since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}", WorkerUnderTest.BoardKey);
        Assert.Equal("UTC", review.Str("timeZone"));
        Assert.Contains(review.GetProperty("incidents").EnumerateArray(), i => i.Str("buyerId") == "acme-auto" && i.Str("scope") == "buyer");
        Assert.True(review.GetProperty("stillOpen").GetInt32() >= 2);
        Assert.Contains(review.GetProperty("worst").EnumerateArray(), w => w.Str("buyerId") == "acme-auto" && w.Str("state") == "breach");
        var buyer = Assert.Single(review.GetProperty("buyers").EnumerateArray(), b => b.Str("buyerId") == "acme-auto");
        Assert.Equal((10, 0.9, 1.0), (buyer.GetProperty("volume").GetInt64(), buyer.GetProperty("trust").GetDouble(), buyer.GetProperty("trustBefore").GetDouble()));
    }

    [Fact]
    public async Task Review_ByDefault_ListsWhatWasOpenSinceYesterdayEvening_WithWhatIsStillOpen()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var now = DateTimeOffset.UtcNow;
        ProduceChanges(worker,
            Change(1, "inc-night", CellScope.Buyer, "acme-auto", null, MetricStatus.Ok, MetricStatus.Breach, 0.5, now.AddHours(-3)),
            Change(2, "inc-night", CellScope.Buyer, "acme-auto", null, MetricStatus.Breach, MetricStatus.Ok, 0.96, now.AddHours(-2)),
            Change(3, "inc-before", CellScope.Buyer, "acme-auto", null, MetricStatus.Ok, MetricStatus.Warning, 0.85, now.AddHours(-40)),
            Change(4, "inc-before", CellScope.Buyer, "acme-auto", null, MetricStatus.Warning, MetricStatus.Ok, 0.96, now.AddHours(-35)),
            Change(5, "inc-long", CellScope.Source, null, "fb-camp-7", MetricStatus.Ok, MetricStatus.Breach, 0.5, now.AddHours(-50)));
        await Poll.UntilAsync(async () => (await LedgerClient.IncidentsAsync(worker, $"?since={now.AddDays(-3).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}")).Count == 3,
            Patience, "three incidents in the ledger");

        var review = await LedgerClient.GetAsync(worker, "/api/review", WorkerUnderTest.BoardKey);

        var yesterdayEvening = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-1).AddHours(18), TimeSpan.Zero);
        Assert.Equal(yesterdayEvening, review.GetProperty("since").GetDateTimeOffset());
        Assert.Equal(["inc-night", "inc-long"], review.GetProperty("incidents").EnumerateArray().Select(i => i.Str("incidentId")));
        Assert.Equal(1, review.GetProperty("stillOpen").GetInt32());
        var night = review.GetProperty("incidents")[0];
        Assert.Equal(("closed", 3600L), (night.Str("state"), night.GetProperty("durationSeconds").GetInt64()));
    }

    [Fact]
    public async Task TwoWorkers_ProjectTheirShares_AndEachAnswersWithTheWholeLedger()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        await using var member = await worker.StartMemberAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        for (var p = 0; p < 4; p++)
        {
            var change = Change(1, $"inc-p{p}", CellScope.Buyer, $"buyer-{p}", null, MetricStatus.Ok, MetricStatus.Breach, 0.5, at);
            worker.ProduceTo(worker.StateChanges, p, change.BuyerId!, JsonSerializer.Serialize(change, QualityJsonContext.Default.QualityStateChanged));
        }

        worker.Flush();
        await Poll.UntilAsync(async () => (await LedgerClient.IncidentsAsync(worker, "")).Count == 4, Patience, "every partition's incident in the ledger");

        var seenByMember = await member.Services.GetRequiredService<IncidentLedger>().QueryAsync(new IncidentQuery(at.AddHours(-1), DateTimeOffset.UtcNow));
        Assert.Equal(["inc-p0", "inc-p1", "inc-p2", "inc-p3"], seenByMember.Select(i => i.IncidentId).Order(StringComparer.Ordinal));
    }

    private Task<WorkerUnderTest> StartStrictAsync() =>
        WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration, new Dictionary<string, string?> { ["Ledger:HistoryFlushSeconds"] = "1" },
            beforeStart: w => w.Redis.GetDatabase().HashSetAsync($"{w.Prefix}qs:thresholds:validity", "default", StrictValidity));

    /// <summary>7 valid leads and 3 whose phone is not a valid number: validity 70 %, below breach 80 %.</summary>
    private static void BreachAcme(WorkerUnderTest worker, DateTimeOffset now)
    {
        for (var i = 0; i < 10; i++)
        {
            worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery($"L-{i}", "acme-auto", "fb-camp-7", now, i < 7 ? "+15124873910" : "+1512000"));
        }

        worker.Flush();
    }

    private static void ProduceAcme(WorkerUnderTest worker, DateTimeOffset now, int from, int to, bool valid)
    {
        for (var i = from; i < to; i++)
        {
            worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery($"L-{i}", "acme-auto", "fb-camp-7", now, valid ? "+15124873910" : "+1512000"));
        }

        worker.Flush();
    }

    private static QualityStateChanged Change(long seq, string incidentId, CellScope scope, string? buyerId, string? sourceId, MetricStatus from, MetricStatus to, double rate, DateTimeOffset at) =>
        new(seq, incidentId, Metric.Validity, "1h", scope, buyerId, sourceId, from, to, rate, 100, new ThresholdLevels(0.9, 0.8, 0.95), "default", at, "t-test");

    /// <summary>Changes as a worker writes them to the state-changes topic, in order on one partition.</summary>
    private static void ProduceChanges(WorkerUnderTest worker, params QualityStateChanged[] changes)
    {
        foreach (var c in changes)
        {
            worker.ProduceTo(worker.StateChanges, 0, c.BuyerId ?? $"source:{c.SourceId}", JsonSerializer.Serialize(c, QualityJsonContext.Default.QualityStateChanged));
        }

        worker.Flush();
    }

    private static BuyerNotice Notice(string buyerId, string incidentId, DateTimeOffset at) =>
        new($"ntc-{incidentId}-breach", buyerId, incidentId, NoticeKind.Breach, Metric.Validity, null, 0.5, 0.8, "Validity fell to 50%.", at);

    private static void ProduceNotice(WorkerUnderTest worker, BuyerNotice notice) =>
        worker.ProduceTo(worker.Notices, 0, notice.BuyerId, JsonSerializer.Serialize(notice, QualityJsonContext.Default.BuyerNotice));
}
