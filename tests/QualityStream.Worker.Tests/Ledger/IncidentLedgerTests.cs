using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Ledger;
using QualityStream.Worker.Redis;
using QualityStream.Worker.Tests.EndToEnd;
using StackExchange.Redis;

namespace QualityStream.Worker.Tests.Ledger;

[Collection(WorkerTests.Name)]
public sealed class IncidentLedgerTests(RedisServer redis)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Query_FindsEveryIncidentOpenDuringThePeriod_HoweverLongAgoItOpened()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var ledger = Ledger(connection);
        await OpenAsync(ledger, "old-open", Now.AddDays(-40), closed: null);
        await OpenAsync(ledger, "old-closed-in", Now.AddDays(-40), closed: Now.AddHours(-3));
        await OpenAsync(ledger, "old-closed-before", Now.AddDays(-40), closed: Now.AddHours(-30));
        await OpenAsync(ledger, "new", Now.AddHours(-2), closed: Now.AddHours(-1));
        await OpenAsync(ledger, "later", Now.AddHours(1), closed: null);

        var found = await ledger.QueryAsync(new IncidentQuery(Now.AddHours(-24), Now));

        Assert.Equal(["new", "old-closed-in", "old-open"], found.Select(i => i.IncidentId));
    }

    [Fact]
    public async Task Trim_RemovesIncidentsClosedBeforeTheRetention_AndKeepsOpenOnesWhateverTheirAge()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var ledger = Ledger(connection);
        await OpenAsync(ledger, "old-open", Now.AddDays(-200), closed: null);
        await OpenAsync(ledger, "expired", Now.AddDays(-100), closed: Now.AddDays(-91));
        await OpenAsync(ledger, "kept", Now.AddDays(-100), closed: Now.AddDays(-89));

        Assert.Equal(1, await ledger.TrimAsync(Now.AddDays(-90)));

        var left = await ledger.QueryAsync(new IncidentQuery(Now.AddDays(-365), Now));
        Assert.Equal(["kept", "old-open"], left.Select(i => i.IncidentId).Order(StringComparer.Ordinal));
    }

    private static IncidentLedger Ledger(IConnectionMultiplexer connection) =>
        new(connection, new RedisKeys($"t{Guid.NewGuid():N}:"), new FakeTimeProvider(Now));

    private static async Task OpenAsync(IncidentLedger ledger, string id, DateTimeOffset opened, DateTimeOffset? closed)
    {
        await ledger.ApplyAsync(Change(1, id, MetricStatus.Ok, MetricStatus.Breach, opened));
        if (closed is { } at)
        {
            await ledger.ApplyAsync(Change(2, id, MetricStatus.Breach, MetricStatus.Ok, at));
        }
    }

    private static QualityStateChanged Change(long seq, string id, MetricStatus from, MetricStatus to, DateTimeOffset at) =>
        new(seq, id, Metric.Contact, "1h", CellScope.Buyer, "acme-auto", null, from, to, 0.3, 100, new ThresholdLevels(0.5, 0.4, 0.55), "default", at, "p1");
}
