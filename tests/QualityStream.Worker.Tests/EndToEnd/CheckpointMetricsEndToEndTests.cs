using System.Globalization;
using System.Text.RegularExpressions;

namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>How big the tasks' checkpoints are in Redis and how long writing them takes, on <c>/metrics</c> (docs/contract.md §9).</summary>
[Collection(WorkerTests.Name)]
public sealed partial class CheckpointMetricsEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    [Fact]
    public async Task Checkpoints_OnceWritten_AreExportedWithEachTasksSizeAndTheirWriteTimes()
    {
        // A task without a checkpoint writes one as soon as it is assigned: every one of the four has one by now.
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var stored = await worker.Redis.GetDatabase().StringLengthAsync($"{worker.Prefix}qs:checkpoint:{worker.GroupId}:2");

        var text = "";
        await Poll.UntilAsync(async () =>
        {
            text = await worker.Management.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return WriteCount().Match(text) is { Success: true } m && double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) >= 4;
        }, TimeSpan.FromSeconds(20), "four checkpoint writes counted", () => text);

        Assert.All(Enumerable.Range(0, 4), p => Assert.Matches($"(?m)^qualitystream_checkpoint_bytes{{partition=\"{p}\"}} [1-9]", text));
        Assert.Contains($"qualitystream_checkpoint_bytes{{partition=\"2\"}} {stored}\n", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)^qualitystream_checkpoint_write_seconds_count (\S+)")]
    private static partial Regex WriteCount();
}
