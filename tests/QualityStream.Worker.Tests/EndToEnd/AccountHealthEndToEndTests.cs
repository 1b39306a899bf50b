using System.Text.Json;

namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>Each buyer's account shape, on the board's snapshot and /metrics, and never on a buyer's.</summary>
[Collection(WorkerTests.Name)]
public sealed class AccountHealthEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    [Fact]
    public async Task ABuyerLeaningOnOneSourceAndCarryingMostRevenue_IsWarnedOnTheBoardAndInMetrics_ButNotToItself()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var now = DateTimeOffset.UtcNow;
        var n = 0;
        foreach (var (buyer, source, count) in new[] { ("acme-auto", "fb-camp-7", 70), ("acme-auto", "tiktok-2", 20), ("acme-auto", "native-3", 10), ("bolt-legal", "fb-camp-7", 10) })
        {
            for (var i = 0; i < count; i++, n++)
            {
                // Every tenth lead has a phone that is no US number: its cell counts it under invalid_phone.
                worker.Produce(worker.Deliveries, buyer, TestEvents.Delivery($"L-{n}", buyer, source, now, n % 10 == 0 ? "+1512000" : "+15124873910"));
            }
        }

        worker.Flush();
        JsonElement board = default;
        await Poll.UntilAsync(async () =>
        {
            board = await SnapshotAsync(worker, WorkerUnderTest.BoardKey);
            return board.GetProperty("buyers").ValueKind == JsonValueKind.Array
                && board.GetProperty("buyers").EnumerateArray().Sum(b => b.GetProperty("leads").GetInt64()) == 110;
        }, TimeSpan.FromSeconds(20), "110 leads in the buyers' account shapes");

        var acme = board.GetProperty("buyers").EnumerateArray().Single(b => b.GetProperty("buyerId").GetString() == "acme-auto");
        Assert.Equal(("24h", "fb-camp-7", 0.7), (acme.GetProperty("window").GetString(), acme.GetProperty("topSourceId").GetString(), acme.GetProperty("topSourceShare").GetDouble()));
        Assert.Equal(4250m, acme.GetProperty("revenue").GetDecimal());
        Assert.Equal(4250.0 / 4675.0, acme.GetProperty("revenueShare").GetDouble(), 12);
        Assert.Equal(["source_concentration", "revenue_concentration"], acme.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal((1.0, 0), (acme.GetProperty("trust").GetDouble(), acme.GetProperty("incidents90d").GetInt32()));
        var bolt = board.GetProperty("buyers").EnumerateArray().Single(b => b.GetProperty("buyerId").GetString() == "bolt-legal");
        Assert.Empty(bolt.GetProperty("warnings").EnumerateArray());
        var acmePair = board.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("scope").GetString() == "buyer_source"
            && c.GetProperty("sourceId").GetString() == "fb-camp-7" && c.GetProperty("buyerId").GetString() == "acme-auto" && c.GetProperty("window").GetString() == "1h");
        Assert.Equal((7L, 2975m), (acmePair.GetProperty("invalidReasons").GetProperty("invalid_phone").GetInt64(), acmePair.GetProperty("revenue").GetDecimal()));

        var own = await SnapshotAsync(worker, WorkerUnderTest.AcmeKey);
        Assert.Equal(JsonValueKind.Null, own.GetProperty("buyers").ValueKind);

        var metrics = await worker.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("""qualitystream_buyer_warning{buyer="acme-auto",kind="source_concentration"} 1""", metrics, StringComparison.Ordinal);
        Assert.Contains("""qualitystream_buyer_top_source_share{buyer="acme-auto"} 0.7""", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("""qualitystream_buyer_warning{buyer="bolt-legal""", metrics, StringComparison.Ordinal);
        Assert.Contains("""qualitystream_invalid_leads{reason="invalid_phone",window="1h",scope="buyer_source",buyer="acme-auto",source="fb-camp-7"} 7""", metrics, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> SnapshotAsync(WorkerUnderTest worker, string key)
    {
        using var request = WorkerUnderTest.Request(HttpMethod.Get, "/api/snapshot", key);
        using var response = await worker.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
