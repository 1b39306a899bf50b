using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Tests.Hubs.Support;
using static QualityStream.Worker.Tests.Hubs.Support.QualityData;

namespace QualityStream.Worker.Tests.Hubs;

/// <summary>
/// Who hears what on /hubs/quality, with a real SignalR client and the worker's ApiKey scheme. "Never receives"
/// is proven by order: every push is sent one after another, so once a later message has arrived at a client,
/// an earlier one meant for it would have arrived too.
/// </summary>
public sealed class QualityHubAuthorizationTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private HubHost _host = null!;

    public async Task InitializeAsync() => _host = await HubHost.StartAsync(redis.Configuration);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task Connect_WithoutAValidKey_FailsWith401(string? key)
    {
        await using var client = _host.Client(key);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task BuyerKey_ReceivesItsOwnChangesAndNotices_NeverAnotherBuyersOrSourceScope()
    {
        await using var board = await HubProbe.ConnectAsync(_host, HubHost.BoardKey);
        await using var acme = await HubProbe.ConnectAsync(_host, HubHost.AcmeKey);

        _host.Feed.Push(Change(1, CellScope.Buyer, "bolt-legal", null));
        _host.Feed.Push(Change(2, CellScope.Source, null, "fb-camp-7"));
        _host.Feed.Push(Change(3, CellScope.BuyerSource, "acme-auto", "fb-camp-7"));
        _host.Feed.Push(Change(4, CellScope.BuyerSource, "bolt-legal", "fb-camp-7"));
        _host.Feed.Push(Change(5, CellScope.Buyer, "acme-auto", null));
        _host.Feed.Push(Notice("bolt-legal", "n-bolt", "Bolt's notice"));
        _host.Feed.Push(Notice("acme-auto", "n-acme", "Acme's notice"));

        await Eventually.HoldsAsync(() => acme.Changes.Any(c => c.Seq == 5) && acme.Notices.Any(n => n.NoticeId == "n-acme"), "acme's own change 5 and notice");
        await Eventually.HoldsAsync(() => board.Changes.Count == 5 && board.Notices.Count == 2, "the board got all five changes and both notices");
        Assert.Equal([3L, 5L], acme.Changes.Select(c => c.Seq));
        Assert.All(acme.Changes, c => Assert.Equal("acme-auto", c.BuyerId));
        Assert.Equal(["n-acme"], acme.Notices.Select(n => n.NoticeId));
    }

    [Fact]
    public async Task BuyerKey_ConnectingAfterNoticesWentOut_ReceivesItsOwnRecentOnes()
    {
        await using (var board = await HubProbe.ConnectAsync(_host, HubHost.BoardKey))
        {
            _host.Feed.Push(Notice("acme-auto", "n-acme-1", "first"));
            _host.Feed.Push(Notice("bolt-legal", "n-bolt", "Bolt's notice"));
            _host.Feed.Push(Notice("acme-auto", "n-acme-2", "second"));
            await Eventually.HoldsAsync(() => board.Notices.Count == 3, "all three notices broadcast");
        }

        // The replay is sent before the probe's first invocation is answered, so it is complete once connected.
        await using var acme = await HubProbe.ConnectAsync(_host, HubHost.AcmeKey);
        await using var lateBoard = await HubProbe.ConnectAsync(_host, HubHost.BoardKey);

        Assert.Equal(["n-acme-1", "n-acme-2"], acme.Notices.Select(n => n.NoticeId));
        Assert.Empty(lateBoard.Notices);
    }

    [Fact]
    public async Task BuyerKey_GetsOnlyItsOwnNonSourceRateRows_AndNoEmptyBatches()
    {
        await using var board = await HubProbe.ConnectAsync(_host, HubHost.BoardKey);
        await using var acme = await HubProbe.ConnectAsync(_host, HubHost.AcmeKey);
        await using var bolt = await HubProbe.ConnectAsync(_host, HubHost.BoltKey);

        _host.Feed.Push(Rate(CellScope.Source, null, "fb-camp-7"), Rate(CellScope.Buyer, "bolt-legal", null), Rate(CellScope.BuyerSource, "bolt-legal", "fb-camp-7"));
        _host.Feed.Push(Rate(CellScope.Buyer, "acme-auto", null), Rate(CellScope.Source, null, "fb-camp-7"), Rate(CellScope.BuyerSource, "acme-auto", "fb-camp-7"));

        await Eventually.HoldsAsync(() => board.Rates.Count == 2 && acme.Rates.Count == 1 && bolt.Rates.Count == 1, "both batches delivered");
        Assert.Equal([3, 3], board.Rates.Select(b => b.Length));
        var own = Assert.Single(acme.Rates);
        Assert.Equal([(CellScope.Buyer, "acme-auto"), (CellScope.BuyerSource, "acme-auto")], own.Select(r => (r.Scope, r.BuyerId!)));
        Assert.Equal(2, Assert.Single(bolt.Rates).Length);
    }

    [Theory]
    [InlineData("JoinGroup", "board")]
    [InlineData("AddToGroup", "buyer:bolt-legal")]
    [InlineData("Subscribe", "bolt-legal")]
    public async Task BuyerKey_TryingToJoinAnotherGroup_IsRefused_AndStillHearsOnlyItself(string method, string argument)
    {
        await using var acme = await HubProbe.ConnectAsync(_host, HubHost.AcmeKey);

        var refused = await Assert.ThrowsAsync<HubException>(() => acme.Connection.InvokeAsync(method, argument));
        _host.Feed.Push(Change(1, CellScope.Buyer, "bolt-legal", null));
        _host.Feed.Push(Notice("bolt-legal", "n-bolt", "Bolt's notice"));
        _host.Feed.Push(Change(2, CellScope.Buyer, "acme-auto", null));

        Assert.Contains("does not exist", refused.Message, StringComparison.OrdinalIgnoreCase);
        await Eventually.HoldsAsync(() => acme.Changes.Any(c => c.Seq == 2), "acme's own change");
        Assert.Equal([2L], acme.Changes.Select(c => c.Seq));
        Assert.Empty(acme.Notices);
    }

    [Fact]
    public async Task BuyerKey_GetSnapshot_ReadsOnlyItsOwnCellsWithoutSourceCells()
    {
        _host.Feed.Current = Snapshot(7, HealthyCells(), []);

        await using var acme = await HubProbe.ConnectAsync(_host, HubHost.AcmeKey);

        Assert.Equal(new SnapshotFilter(BuyerId: "acme-auto", ExcludeSourceCells: true), Assert.Single(_host.Feed.SnapshotRequests));
        Assert.NotEmpty(acme.FirstSnapshot!.Cells);
        Assert.All(acme.FirstSnapshot.Cells, c => Assert.Equal("acme-auto", c.BuyerId));
        Assert.DoesNotContain(acme.FirstSnapshot.Cells, c => c.Scope == CellScope.Source);
        Assert.Equal(7, acme.FirstSnapshot.Streams[QualityData.Stream]);
    }

    [Theory]
    [InlineData(HubHost.BoardKey)]
    [InlineData(HubHost.AdminKey)]
    public async Task BoardOrAdminKey_ReceivesEverything_AndReadsTheWholeSnapshot(string key)
    {
        _host.Feed.Current = Snapshot(7, HealthyCells(), []);
        await using var board = await HubProbe.ConnectAsync(_host, key);

        _host.Feed.Push(Change(8, CellScope.Source, null, "fb-camp-7"));
        _host.Feed.Push(Change(9, CellScope.Buyer, "bolt-legal", null));
        _host.Feed.Push(Notice("acme-auto", "n-acme", "Acme's notice"));
        _host.Feed.Push(Rate(CellScope.Source, null, "fb-camp-7"));

        await Eventually.HoldsAsync(() => board.Changes.Count == 2 && board.Notices.Count == 1 && board.Rates.Count == 1, "every push");
        Assert.Equal(SnapshotFilter.All, Assert.Single(_host.Feed.SnapshotRequests));
        Assert.Equal(HealthyCells().Count, board.FirstSnapshot!.Cells.Count);
        Assert.Equal([8L, 9L], board.Changes.Select(c => c.Seq));
    }

    [Fact]
    public async Task EveryBoardConnection_ReceivesEachRatesBatch_AndOneThatLeft_StopsNoOtherFromReceiving()
    {
        await using var first = await HubProbe.ConnectAsync(_host, HubHost.BoardKey);
        var second = await HubProbe.ConnectAsync(_host, HubHost.AdminKey);

        _host.Feed.Push(Rate(CellScope.Source, null, "fb-camp-7"));
        await Eventually.HoldsAsync(() => first.Rates.Count == 1 && second.Rates.Count == 1, "the batch at both boards");

        await second.DisposeAsync();
        _host.Feed.Push(Rate(CellScope.Buyer, "acme-auto", null), Rate(CellScope.Buyer, "bolt-legal", null));

        await Eventually.HoldsAsync(() => first.Rates.Count == 2, "the next batch at the board still connected");
        Assert.Equal([1, 2], first.Rates.Select(b => b.Length));
    }
}
