using System.Text;
using System.Text.RegularExpressions;

namespace QualityStream.Worker.Tests.EndToEnd;

[Collection(WorkerTests.Name)]
public sealed partial class RestartEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    // 1 s: checkpoints are written while the worker runs. An hour: the restart comes first, so only the checkpoint the
    // worker writes on its way out (after applying everything it read) can spare the next one a repeat.
    [Theory]
    [InlineData("1")]
    [InlineData("3600")]
    public async Task RestartedWorker_ResumesAfterItsLastCheckpoint_NeitherRepeatingNorSkippingAnEvent(string checkpointSeconds)
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Checkpoints:IntervalSeconds"] = checkpointSeconds });
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

    [Fact]
    public async Task RestartedWorker_WithNothingNewToRead_ReportsNoLag()
    {
        // Restored at the end of its partitions, the worker reads nothing: its lag is 0, not all the partitions hold.
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Checkpoints:IntervalSeconds"] = "3600" });
        for (var i = 0; i < 12; i++)
        {
            worker.Produce(worker.Deliveries, $"buyer-{i}", $"{{not json {i}");
        }

        worker.Flush();
        await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= 12, TimeSpan.FromSeconds(20));
        await worker.RestartAsync();

        var text = "";
        await Poll.UntilAsync(async () =>
        {
            text = await worker.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            var lags = Lag().Matches(text).Where(m => m.Groups["topic"].Value == worker.Deliveries).ToList();
            return lags.Count == 4 && lags.All(m => m.Groups["value"].Value == "0");
        }, TimeSpan.FromSeconds(20), "lag 0 on the four delivery partitions", () => text);
    }

    [GeneratedRegex(@"(?m)^qualitystream_consumer_lag\{topic=""(?<topic>[^""]+)"",partition=""\d+""\} (?<value>\S+)$")]
    private static partial Regex Lag();
}
