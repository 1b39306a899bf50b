using Microsoft.Playwright;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Tests.Hubs.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QualityStream.Board.Tests;

/// <summary>The board on a 1920×1080 wall: everything on one screen, problems counted by root cause.</summary>
public sealed class WallLayoutTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private HubHost _host = null!;
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(15_000);
        _host = await HubHost.StartAsync(redis.Configuration);
        _browser = await BrowserSession.StartAsync(1920, 1080);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Board_ThirtyBuyersSixtySourcesTwentyIncidents_FitsTheScreenWithoutScrolling_WithEveryBuyerRowWhole()
    {
        _host.Feed.Current = WallScenarios.Busy(9);
        Assert.Equal(20, _host.Feed.Current.Incidents.Count);

        await OpenBoardAsync(9);

        var scroll = await _browser.PageSizeAsync();
        Assert.True(scroll[0] <= scroll[1], $"page is {scroll[0]} px high in a {scroll[1]} px window");
        Assert.True(scroll[2] <= scroll[3], $"page is {scroll[2]} px wide in a {scroll[3]} px window");
        var buyers = await RowsInsideViewportAsync("#buyers tbody tr");
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("12 problems: 5 breaches, 7 warnings");
        output.WriteLine(await _browser.ScreenshotAsync("board-many-problems"));
        Assert.Equal(WallScenarios.Buyers(30).Order(StringComparer.Ordinal), buyers.Order(StringComparer.Ordinal));
        await RowsInsideViewportAsync("#sources tbody tr");
        await RowsInsideViewportAsync("#problems .problem");
        var problems = await Page.Locator("#problems .problem").CountAsync();
        var more = await Page.Locator("#more-problems").IsVisibleAsync() ? await Page.Locator("#more-problems").InnerTextAsync() : "";
        Assert.True(problems == 12 || more.StartsWith($"and {12 - problems} more", StringComparison.Ordinal), $"{problems} rows, then '{more}'");
        Assert.Empty(_browser.Errors);
    }

    [Fact]
    public async Task Board_OneSourceFailingAtFourBuyers_ShowsOneProblemListingTheBuyers()
    {
        var buyers = WallScenarios.Buyers(4);
        _host.Feed.Current = WallScenarios.OneSourceAtFourBuyers(5, WallScenarios.Cells(12, 20), "native-3", buyers);
        Assert.Equal(9, _host.Feed.Current.Incidents.Count);

        await OpenBoardAsync(5);

        await Expect(Page.Locator("#headline")).ToHaveTextAsync("1 problem: 1 breach");
        var problem = Page.Locator("#problems .problem");
        await Expect(problem).ToHaveCountAsync(1);
        await Expect(problem).ToHaveAttributeAsync("data-kind", "source");
        await Expect(problem).ToHaveAttributeAsync("data-incidents", "9");
        await Expect(problem.Locator(".where")).ToHaveTextAsync("native-3");
        await Expect(problem.Locator(".reach")).ToHaveTextAsync($"Validity · source at 4 buyers: {string.Join(", ", buyers.Order(StringComparer.Ordinal))}");
        Assert.Empty(_browser.Errors);
        output.WriteLine(await _browser.ScreenshotAsync("board-one-problem"));
    }

    [Fact]
    public async Task Board_CellBackAboveBreachButNotPastClear_SaysItIsRecovering()
    {
        var cells = WallScenarios.Cells(6, 10);
        var incidents = new List<QualityStream.Core.Snapshots.IncidentSnapshot>();
        WallScenarios.Fail(cells, incidents, CellScope.Source, null, "native-1", Metric.Validity, 0.88, MetricStatus.Breach, 30);
        _host.Feed.Current = QualityData.Snapshot(3, cells, incidents);

        await OpenBoardAsync(3);

        await Expect(Page.Locator("#problems .problem .standing")).ToHaveTextAsync("recovering: back above 85%, clears at 94%");
        var cell = Page.Locator("#sources tbody tr:has(th:text-is('native-1')) td[data-metric='validity']");
        await Expect(cell).ToHaveAttributeAsync("data-recovering", "true");
        await Expect(cell.Locator(".state")).ToHaveTextAsync("Breach · recovering");
    }

    private async Task<string[]> RowsInsideViewportAsync(string selector)
    {
        var outside = await _browser.OutsideViewportAsync(selector);
        Assert.True(outside.Length == 0, $"{selector} rows outside the screen: {string.Join(" | ", outside)}");
        return await Page.Locator(selector).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.row ?? r.textContent)");
    }

    private async Task OpenBoardAsync(long seq)
    {
        await Page.GotoAsync(new Uri(_host.BaseAddress, "/?key=" + HubHost.BoardKey).ToString());
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-seq", seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Page.Locator("#connection")).ToContainTextAsync("Live");
    }
}
