using Microsoft.Playwright;
using QualityStream.Core.Notices;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Tests.Hubs.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static QualityStream.Worker.Tests.Hubs.Support.QualityData;

namespace QualityStream.Board.Tests;

/// <summary>The buyer notice page in Chromium with a buyer key.</summary>
public sealed class BuyerPageTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private const string AcmeMessage =
        "Contact rate on leads from fb-camp-7 fell to 37% over the last hour (expected at least 40%). We are investigating and will update you.";

    private HubHost _host = null!;
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(15_000);
        _host = await HubHost.StartAsync(redis.Configuration);
        _browser = await BrowserSession.StartAsync(1280, 900);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task BuyerPage_ShowsOnlyItsOwnNoticesAndCells()
    {
        _host.Feed.Current = BoardScenarios.Mixed(20);
        await OpenAsAcmeAsync();

        _host.Feed.Push(Notice("bolt-legal", "n-bolt", "Duplicate leads from google-search-2 rose to 7% (bolt only)."));
        _host.Feed.Push(Change(21, CellScope.Buyer, "bolt-legal", null, Metric.Validity, MetricStatus.Ok, MetricStatus.Breach, 0.8));
        _host.Feed.Push(Notice("acme-auto", "n-acme", AcmeMessage));

        await Expect(Page.Locator(".notice")).ToHaveCountAsync(1);
        await Expect(Page.Locator(".notice p")).ToHaveTextAsync(AcmeMessage);
        await Expect(Page.Locator("#who")).ToHaveTextAsync("Account: acme-auto");
        var rows = await Page.Locator("#cells tbody th").AllInnerTextsAsync();
        Assert.Equal(["All your leads", "From fb-camp-7", "From google-search-2", "From native-12"], rows);
        Assert.DoesNotContain("bolt", await Page.Locator("body").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await Expect(Page.Locator("#cells tbody tr").First.Locator("td[data-metric='contact']")).ToHaveAttributeAsync("data-state", "breach");
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("We are looking into 1 quality problem with your leads");
        // A breach is measured against the breach level, as its notice says.
        await Expect(Page.Locator("#problems-now li.problem-now")).ToContainTextAsync("leads reached 37% (expected at least 40%)");
        Assert.Empty(_browser.Errors);
        Assert.All(_browser.Requests, url => Assert.StartsWith(_host.BaseAddress.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal));
        output.WriteLine(await _browser.ScreenshotAsync("buyer-notices"));
    }

    [Fact]
    public async Task BuyerPage_NoticesSurviveAReload_NewestFirst()
    {
        _host.Feed.Current = BoardScenarios.AllHealthy(1);
        await OpenAsAcmeAsync();
        _host.Feed.Push(Notice("acme-auto", "n-1", AcmeMessage));
        _host.Feed.Push(Notice("acme-auto", "n-2", "Contact rate on leads from fb-camp-7 is back to normal after 45 minutes.", NoticeKind.Recovered));
        await Expect(Page.Locator(".notice")).ToHaveCountAsync(2);

        await Page.ReloadAsync();

        await Expect(Page.Locator("#connection")).ToHaveTextAsync("Up to date");
        var kinds = await Page.Locator(".notice .kind").AllInnerTextsAsync();
        Assert.Equal(["Resolved", "Quality problem"], kinds);
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("Your lead quality is within its normal range");
    }

    [Fact]
    public async Task BuyerPage_OpenedAfterANoticeWentOut_StillShowsIt()
    {
        _host.Feed.Current = BoardScenarios.Mixed(20);
        await using (var board = await HubProbe.ConnectAsync(_host, HubHost.BoardKey))
        {
            _host.Feed.Push(Notice("acme-auto", "n-acme", AcmeMessage));
            _host.Feed.Push(Notice("bolt-legal", "n-bolt", "Duplicate leads from google-search-2 rose to 7% (bolt only)."));
            await Eventually.HoldsAsync(() => board.Notices.Count == 2, "both notices broadcast");
        }

        await OpenAsAcmeAsync();

        await Expect(Page.Locator(".notice")).ToHaveCountAsync(1);
        await Expect(Page.Locator(".notice p")).ToHaveTextAsync(AcmeMessage);
    }

    private async Task OpenAsAcmeAsync()
    {
        await Page.GotoAsync(new Uri(_host.BaseAddress, "/buyer?key=" + HubHost.AcmeKey).ToString());
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("Up to date");
        await Expect(Page.Locator("#cells tbody tr")).Not.ToHaveCountAsync(0);
    }
}
