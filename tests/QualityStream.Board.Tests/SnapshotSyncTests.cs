using QualityStream.Worker.Tests.Hubs.Support;

namespace QualityStream.Board.Tests;

/// <summary><c>sync.js</c> on its own, run in Chromium against a hand-made connection whose snapshot answers when told.</summary>
public sealed class SnapshotSyncTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private HubHost _host = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        _host = await HubHost.StartAsync(redis.Configuration);
        _browser = await BrowserSession.StartAsync();
        await _browser.Page.GotoAsync(new Uri(_host.BaseAddress, "/board/favicon.svg").ToString());
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task RatesThatArriveWhileTheSnapshotLoads_AreAppliedAfterIt_SoACellThatThenStaysQuietStillShows()
    {
        var rate = await _browser.Page.EvaluateAsync<double?>(
            """
            async () => {
              const { SnapshotSync } = await import('/board/js/sync.js');
              const { QualityModel } = await import('/board/js/model.js');
              let answer;
              const connection = { invoke: () => new Promise((resolve) => { answer = resolve; }) };
              const model = new QualityModel();
              const sync = new SnapshotSync(connection, model, { trackGaps: true, onUpdate: () => {} });
              const loading = sync.resync();
              // A cell first heard of while the snapshot is on its way, and never again.
              sync.rates([{ scope: 'buyer', buyerId: 'late-buyer', sourceId: null, window: '1h', metric: 'validity',
                            rate: 0.5, numerator: 5, denominator: 10, state: 'breach', interval: null }]);
              answer({ asOf: '2026-11-23T07:00:00Z', streams: {}, cells: [], incidents: [] });
              await loading;
              return model.cells.get('buyer|late-buyer||1h')?.metrics.validity?.rate ?? null;
            }
            """);

        Assert.Equal(0.5, rate);
    }
}
