using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Hubs;
using QualityStream.Worker.Tests.Hubs.Support;

namespace QualityStream.Worker.Tests.Hubs;

public sealed class ConnectionOutboxTests
{
    private static readonly HubAudience Board = new(HubGroups.Board, SnapshotFilter.All);
    private readonly HeldQualityClient _client = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Pushes_AreSentInTheOrderPosted_TheNextOnlyOnceThePreviousIsTaken()
    {
        var outbox = Outbox(maxQueued: 10);
        _client.Hold();
        Assert.All([1, 2, 3], seq => Assert.True(outbox.TryPost(Change(seq))));

        var running = outbox.RunAsync();
        await Eventually.HoldsAsync(() => _client.Started.Count == 1, "the first send started");
        Assert.Equal([1L], _client.Started);
        _client.Release();

        await Eventually.HoldsAsync(() => _client.Started.Count == 3, "the other two sent");
        Assert.Equal([1L, 2L, 3L], _client.Started);
        outbox.Close();
        Assert.Null(await running);
    }

    [Fact]
    public async Task TryPost_WhileTheClientTakesNothing_IsRefusedOnceTheOutboxIsFull()
    {
        var outbox = Outbox(maxQueued: 2);
        _client.Hold();
        var running = outbox.RunAsync();
        Assert.True(outbox.TryPost(Change(1)));
        await Eventually.HoldsAsync(() => _client.Started.Count == 1, "the first send started, and waits");

        Assert.True(outbox.TryPost(Change(2)));
        Assert.True(outbox.TryPost(Change(3)));
        Assert.False(outbox.TryPost(Change(4)));

        outbox.Close();
        _client.Release();
        Assert.Null(await running);
        Assert.Equal([1L], _client.Started);
    }

    [Fact]
    public async Task RunAsync_WhenOneSendIsNotTakenWithinTheTimeout_StopsWithSendTimeout_AndSendsNothingMore()
    {
        var outbox = Outbox(maxQueued: 10, sendTimeoutSeconds: 5);
        _client.Hold();
        outbox.TryPost(Change(1));
        outbox.TryPost(Change(2));
        var running = outbox.RunAsync();
        await Eventually.HoldsAsync(() => _client.Started.Count == 1, "the first send started, and waits");

        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(running.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(HubDropReason.SendTimeout, await running);
        _client.Release();
        Assert.Equal([1L], _client.Started);
    }

    [Fact]
    public async Task RunAsync_AfterASendFails_GoesOnWithTheNext()
    {
        var outbox = Outbox(maxQueued: 10);
        var running = outbox.RunAsync();

        outbox.TryPost(c => c.RatesUpdated([QualityData.Rate(CellScope.Source, null, "fb-camp-7")]));
        outbox.TryPost(Change(1));

        await Eventually.HoldsAsync(() => _client.Started.Count == 1, "the change after the failed batch sent");
        outbox.Close();
        Assert.Null(await running);
    }

    private ConnectionOutbox Outbox(int maxQueued, int sendTimeoutSeconds = 9) =>
        new(Board, _client, new HubOutboxOptions { MaxQueuedMessages = maxQueued, SendTimeoutSeconds = sendTimeoutSeconds }, _time, NullLogger.Instance);

    private static Func<IQualityClient, Task> Change(long seq) =>
        client => client.StateChanged(QualityData.Change(seq, CellScope.Buyer, "acme-auto", null));
}
