using System.Text;

namespace QualityStream.Worker.Tests.EndToEnd;

[Collection(WorkerTests.Name)]
public sealed class BadInputEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    [Fact]
    public async Task EveryRejection_ReachesTheDeadLetterTopicWithItsHeaders_AndTheNextGoodEventIsStillApplied()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Quality:OrphanGraceSeconds"] = "0" });
        var now = DateTimeOffset.UtcNow;
        var mismatch = TestEvents.Contact("L-1", "bolt-legal", now, "contacted");
        worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery("L-1", "acme-auto", "fb-camp-7", now));
        worker.Flush();
        await Poll.UntilAsync(async () => (await Snapshot(worker)).Contains("\"denominator\":1", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "first lead applied");

        var bad = new (string Topic, string Key, string Json, string Reason)[]
        {
            (worker.Deliveries, "acme-auto", "{not json", "malformed_json"),
            (worker.Deliveries, "acme-auto", """{"eventId":"d-2","leadId":"L-2","buyerId":"acme-auto","sourceId":"s","consumer":{}}""", "schema"),
            (worker.Deliveries, "acme-auto", TestEvents.Delivery("L-3", "acme auto", "fb-camp-7", now), "invalid_id"),
            (worker.Deliveries, "acme-auto", TestEvents.Delivery("L-4", "acme-auto", "fb-camp-7", now.AddHours(1)), "future_timestamp"),
            (worker.Deliveries, "acme-auto", TestEvents.Delivery("L-5", "acme-auto", "fb-camp-7", now).Replace("Ana", new string('A', 70_000), StringComparison.Ordinal), "too_large"),
            (worker.Deliveries, "acme-auto", TestEvents.Delivery("L-6", "acme-auto", "fb-camp-7", now.AddHours(-25)), "late"),

            (worker.Feedback, "acme-auto", TestEvents.Contact("L-404", "acme-auto", now, "contacted"), "orphan"),
            (worker.Feedback, "bolt-legal", mismatch, "buyer_mismatch"),
        };
        foreach (var (topic, key, json, _) in bad.Where(b => b.Reason != "buyer_mismatch"))
        {
            worker.Produce(topic, key, json);
        }

        // Another buyer's feedback about acme's lead, in acme's partition: the task that holds the lead sees the
        // mismatch. (In another partition it could not see the lead at all, and reports an orphan.)
        var acmePartition = (await worker.ReadTopicAsync(worker.Deliveries, r => r.Count >= 1, TimeSpan.FromSeconds(10)))[0].Partition.Value;
        worker.ProduceTo(worker.Feedback, acmePartition, "bolt-legal", mismatch);

        worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery("L-7", "acme-auto", "fb-camp-7", now));
        worker.Flush();

        var letters = await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= bad.Length, TimeSpan.FromSeconds(30));
        Assert.Equal(bad.Select(b => b.Reason).Order(), letters.Select(m => Header(m, "qs-error")).Order());
        foreach (var letter in letters)
        {
            var original = bad.Single(b => b.Reason == Header(letter, "qs-error"));
            Assert.Equal((original.Key, original.Json), (letter.Message.Key, letter.Message.Value));
            Assert.False(string.IsNullOrWhiteSpace(Header(letter, "qs-error-detail")));
            Assert.Equal(original.Topic, Header(letter, "qs-source-topic"));
            Assert.True(int.TryParse(Header(letter, "qs-source-partition"), out _));
            Assert.True(long.TryParse(Header(letter, "qs-source-offset"), out _));
        }

        await Poll.UntilAsync(async () => (await Snapshot(worker)).Contains("\"denominator\":2", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the good lead after the bad ones applied");
        var metrics = await worker.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        foreach (var (topic, _, _, reason) in bad)
        {
            Assert.Contains($$"""qualitystream_events_total{topic="{{topic}}",outcome="{{reason}}"} 1""", metrics, StringComparison.Ordinal);
        }
    }

    private static string Header(Confluent.Kafka.ConsumeResult<string, string> m, string name) =>
        Encoding.UTF8.GetString(m.Message.Headers.GetLastBytes(name));

    private static async Task<string> Snapshot(WorkerUnderTest worker)
    {
        using var request = WorkerUnderTest.Request(HttpMethod.Get, "/api/snapshot?scope=buyer&window=1h&buyerId=acme-auto", WorkerUnderTest.BoardKey);
        using var response = await worker.Http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
