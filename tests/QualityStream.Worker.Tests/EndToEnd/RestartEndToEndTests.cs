using System.Text;

namespace QualityStream.Worker.Tests.EndToEnd;

[Collection(WorkerTests.Name)]
public sealed class RestartEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    // 500 ms: offsets are stored while the worker runs. 60 s (the most allowed): the restart comes first, so only what
    // the worker stores on its way out (after applying everything it read) can spare the next one a repeat.
    [Theory]
    [InlineData("500")]
    [InlineData("60000")]
    public async Task RestartedWorker_ResumesAfterTheLastStoredOffset_NeitherRepeatingNorSkippingAnEvent(string commitIntervalMs)
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Kafka:CommitIntervalMs"] = commitIntervalMs });
        for (var i = 0; i < 5; i++)
        {
            worker.Produce(worker.Deliveries, "acme-auto", $"{{not json {i}");
        }

        worker.Flush();
        await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= 5, TimeSpan.FromSeconds(20));

        await worker.RestartAsync();
        for (var i = 5; i < 8; i++)
        {
            worker.Produce(worker.Deliveries, "acme-auto", $"{{not json {i}");
        }

        worker.Flush();
        var letters = await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= 9, TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"{{not json {i}"), letters.Select(l => l.Message.Value).Order(StringComparer.Ordinal));
        Assert.All(letters, l => Assert.Equal("malformed_json", Encoding.UTF8.GetString(l.Message.Headers.GetLastBytes("qs-error"))));
    }
}
