using QualityStream.Core.Thresholds;
using QualityStream.Worker.Tests.Hubs.Support;
using static QualityStream.Worker.Tests.Hubs.Support.QualityData;

namespace QualityStream.Worker.Tests.Hubs;

/// <summary>A board that stops reading, among boards that read, on the real hub with a small outbox.</summary>
public sealed class SlowHubConnectionTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const int MaxQueued = 10;

    [Fact]
    public async Task BoardThatStopsReading_IsDroppedOnceItsOutboxIsFull_WhileAnotherBoardReceivesEveryPush()
    {
        // A send timeout far longer than the test, so it is the full outbox that drops the stalled board.
        await using var host = await HubHost.StartAsync(redis.Configuration, new Dictionary<string, string?>
        {
            ["Hub:MaxQueuedMessages"] = MaxQueued.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:SendTimeoutSeconds"] = "300",
        });
        await using var board = await HubProbe.ConnectAsync(host, HubHost.BoardKey);
        await using var stalled = await StalledHubClient.ConnectAsync(host.BaseAddress, HubHost.BoardKey);

        // Rates batches of megabytes each: more than the socket buffers on the way to the stalled board hold.
        for (var batch = 1; batch <= 3; batch++)
        {
            host.Feed.Push([.. Enumerable.Range(0, 30_000).Select(i => Rate(CellScope.BuyerSource, $"buyer-{i}", $"source-{batch}"))]);
            await Eventually.HoldsAsync(() => board.Rates.Count == batch, $"rates batch {batch} at the reading board");
        }

        // One change at a time, each taken by the reading board before the next: its outbox never holds more than one,
        // the stalled board's grows by one each time until it is full.
        var seq = 0L;
        while (!(await MetricsAsync(host)).Contains("qualitystream_hub_connections_dropped_total{", StringComparison.Ordinal) && seq < 10 * MaxQueued)
        {
            host.Feed.Push(Change(++seq, CellScope.Buyer, "acme-auto", null));
            await Eventually.HoldsAsync(() => board.Changes.Count == seq, $"change {seq} at the reading board");
        }

        Assert.Contains("qualitystream_hub_connections_dropped_total{reason=\"outbox_full\"} 1", await MetricsAsync(host), StringComparison.Ordinal);
        Assert.InRange(seq, 1, MaxQueued + 1);
        Assert.True(await stalled.EndsWithinAsync(TimeSpan.FromSeconds(9)), "the server ended the stalled connection");
        Assert.Equal(Enumerable.Range(1, (int)seq).Select(i => (long)i), board.Changes.Select(c => c.Seq));
    }

    private static async Task<string> MetricsAsync(HubHost host)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }
}
