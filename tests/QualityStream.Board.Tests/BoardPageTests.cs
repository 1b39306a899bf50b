using Microsoft.Playwright;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Tests.Hubs.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static QualityStream.Worker.Tests.Hubs.Support.QualityData;

namespace QualityStream.Board.Tests;

/// <summary>The wall board in Chromium against the worker's real hub, fed by hand.</summary>
public sealed class BoardPageTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private const string Neutral = "rgb(34, 39, 46)";
    private const string Red = "rgb(198, 40, 40)";

    private HubHost _host = null!;
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(15_000);
        _host = await HubHost.StartAsync(redis.Configuration);
        _browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Board_NothingWrong_SaysAllClearWithEveryCellNeutral_AndLoadsOnlyFromTheWorker()
    {
        _host.Feed.Current = BoardScenarios.AllHealthy(41);

        await OpenBoardAsync(41);

        await Expect(Page.Locator("#headline")).ToHaveTextAsync("All clear");
        var states = await Page.Locator("#buyers td.metric, #sources td.metric").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.state)");
        Assert.Equal(24, states.Length);
        Assert.All(states, s => Assert.Equal("ok", s));
        Assert.Equal(Neutral, await Background(Cell("buyers", "acme-auto", "contact")));
        Assert.Empty(_browser.Errors);
        Assert.All(_browser.Requests, url => Assert.StartsWith(_host.BaseAddress.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal));
        output.WriteLine(await _browser.ScreenshotAsync("board-all-clear"));
    }

    [Fact]
    public async Task Board_AProblem_SaysHowSureAndWhyLeadsFail_AndABuyerLeaningOnOneSourceIsFlagged()
    {
        var mixed = BoardScenarios.Mixed(10);
        // native-12's validity breach: surely between 77% and 85% at 95%, mostly bad phones.
        _host.Feed.Current = mixed with
        {
            Cells = [.. mixed.Cells.Select(c => c is { Scope: CellScope.Source, SourceId: "native-12", Window: "1h" }
                ? BoardScenarios.With(c, "validity", c.Metrics["validity"] with { Interval = new(0.77, 0.846, 0.95) }) with
                {
                    InvalidReasons = new Dictionary<string, long> { ["invalid_phone"] = 61, ["missing_name"] = 12, ["invalid_email"] = 0 },
                }
                : c)],
        };

        await OpenBoardAsync(10);

        var native = Page.Locator("#problems li.problem[data-kind=source]").Filter(new() { HasText = "native-12" });
        await Expect(native.Locator(".why")).ToHaveTextAsync("95% sure: 77–85% · mostly bad phone (61), no name (12)");
        // Each healthy buyer here buys as many leads from one source as it buys in all: all of them lean on one.
        var acme = Page.Locator("#buyers tr[data-row='acme-auto'] th");
        await Expect(acme).ToHaveAttributeAsync("data-account", "warning");
        Assert.Contains("100% of leads from fb-camp-7", await acme.GetAttributeAsync("title"), StringComparison.Ordinal);
        output.WriteLine(await _browser.ScreenshotAsync("board-why"));
    }

    [Fact]
    public async Task Board_StateChangedToBreach_TurnsTheCellRed_AndTheHeaderCountsIt()
    {
        _host.Feed.Current = BoardScenarios.AllHealthy(41);
        await OpenBoardAsync(41);

        _host.Feed.Push(Change(42, CellScope.Buyer, "acme-auto", null, Metric.Contact, MetricStatus.Ok, MetricStatus.Breach, 0.37));

        var cell = Cell("buyers", "acme-auto", "contact");
        await Expect(cell).ToHaveAttributeAsync("data-state", "breach");
        await Expect(cell).ToContainTextAsync("37%");
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("1 problem: 1 breach");
        await Expect(Page.Locator("#problems .problem")).ToHaveCountAsync(1);
        Assert.Equal(Red, await Background(cell));
        Assert.Equal(Neutral, await Background(Cell("buyers", "bolt-legal", "contact")));
        Assert.Single(_host.Feed.SnapshotRequests);
    }

    [Fact]
    public async Task Board_SkippedSeq_ReloadsTheSnapshot()
    {
        _host.Feed.Current = BoardScenarios.AllHealthy(10);
        await OpenBoardAsync(10);
        _host.Feed.Push(Change(11, CellScope.Buyer, "bolt-legal", null, Metric.Validity, MetricStatus.Ok, MetricStatus.Warning, 0.9));
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-seq", "11");
        Assert.Single(_host.Feed.SnapshotRequests);

        // Changes 12 and 13 never reach the page; the snapshot it reloads already holds them.
        _host.Feed.Current = BoardScenarios.Mixed(14);
        _host.Feed.Push(Change(14, CellScope.Buyer, "bolt-legal", null, Metric.Validity, MetricStatus.Warning, MetricStatus.Ok, 0.95));

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-seq", "14");
        Assert.Equal(2, _host.Feed.SnapshotRequests.Count);
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("4 problems: 2 breaches, 2 warnings");
        await Expect(Cell("buyers", "acme-auto", "contact")).ToHaveAttributeAsync("data-state", "breach");
    }

    [Fact]
    public async Task Board_ChangesOfAnotherStream_CountFromTheirOwnSeq_NotAsAGap()
    {
        _host.Feed.Current = BoardScenarios.AllHealthy(10);
        await OpenBoardAsync(10);

        // The source stage numbers its changes on its own: its first is seq 1, however far the task's stream is.
        _host.Feed.Push(Change(1, CellScope.Source, null, "native-12", Metric.Validity, MetricStatus.Ok, MetricStatus.Breach, 0.5) with { Stream = "sources" });
        _host.Feed.Push(Change(11, CellScope.Buyer, "bolt-legal", null, Metric.Validity, MetricStatus.Ok, MetricStatus.Warning, 0.9));

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-seq", "12");
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("2 problems: 1 breach, 1 warning");
        Assert.Single(_host.Feed.SnapshotRequests);
    }

    [Fact]
    public async Task Board_ToldTheWorkersTasksChanged_ReloadsTheSnapshot_SoMovedCellsLeave()
    {
        _host.Feed.Current = BoardScenarios.Mixed(7);
        await OpenBoardAsync(7);
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("4 problems: 2 breaches, 2 warnings");

        // Its tasks went to another worker in a rebalance: this one now holds none of those cells.
        _host.Feed.Current = BoardScenarios.AllHealthy(0);
        _host.Feed.StreamsMoved();

        await Expect(Page.Locator("#headline")).ToHaveTextAsync("All clear");
        Assert.Equal(2, _host.Feed.SnapshotRequests.Count);
    }

    [Fact]
    public async Task Board_MorningWithProblems_ListsBreachesAndWholeBuyersFirst_PaintsOnlyProblemCells_AndDimsTooFewLeads()
    {
        _host.Feed.Current = BoardScenarios.Mixed(7);

        await OpenBoardAsync(7);

        await Expect(Page.Locator("#headline")).ToHaveTextAsync("4 problems: 2 breaches, 2 warnings");
        var order = await Page.Locator("#problems .problem").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.problem)");
        Assert.Equal(["inc-acme-contact", "inc-native-validity", "inc-cedar-return", "inc-bolt-google-dup"], order);
        Assert.Equal(Red, await Background(Cell("sources", "native-12", "validity")));
        var held = Cell("buyers", "cedar-home", "return");
        Assert.Equal("true", await held.GetAttributeAsync("data-stale"));
        Assert.Equal("warning", await held.GetAttributeAsync("data-state"));
        Assert.Equal(Neutral, await Background(held));
        await Expect(Cell("buyers", "bolt-legal", "duplicate").Locator(".sources")).ToHaveTextAsync("1 source warning");
        var painted = await Page.Locator("#buyers td.metric, #sources td.metric")
            .EvaluateAllAsync<int>("cells => cells.filter(c => getComputedStyle(c).backgroundColor !== 'rgb(34, 39, 46)').length");
        Assert.Equal(2, painted);
        Assert.Empty(_browser.Errors);
        output.WriteLine(await _browser.ScreenshotAsync("board-morning-problems"));

        await Page.Locator("#windows button", new() { HasTextString = "24h" }).ClickAsync();
        await Expect(Cell("buyers", "acme-auto", "contact")).ToHaveAttributeAsync("data-state", "none");
        Assert.Equal(Red, await Background(Page.Locator("#status")));
    }

    [Fact]
    public async Task Board_RatesUpdated_ChangeTheNumbersInPlace_WithoutColour()
    {
        _host.Feed.Current = BoardScenarios.AllHealthy(5);
        await OpenBoardAsync(5);

        _host.Feed.Push(Rate(CellScope.Buyer, "acme-auto", null, 0.45));

        var cell = Cell("buyers", "acme-auto", "contact");
        await Expect(cell.Locator(".rate")).ToHaveTextAsync("45%");
        await Expect(cell.Locator(".fraction")).ToHaveTextAsync("90/200");
        Assert.Equal("ok", await cell.GetAttributeAsync("data-state"));
        Assert.Equal(Neutral, await Background(cell));
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("All clear");
    }

    [Fact]
    public async Task Board_LosingTheWorker_SaysSoInsteadOfAllClear()
    {
        _host.Feed.Current = BoardScenarios.AllHealthy(5);
        await OpenBoardAsync(5);
        await Expect(Page.Locator("#status")).ToHaveAttributeAsync("data-level", "clear");

        await _host.StopAsync();

        await Expect(Page.Locator("#status")).ToHaveAttributeAsync("data-level", "stale");
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("Connection lost");
        await Expect(Page.Locator("#connection")).ToContainTextAsync("All clear");
        output.WriteLine(await _browser.ScreenshotAsync("board-connection-lost"));
    }

    [Fact]
    public async Task Board_ManyIncidents_ShowsTheRowsThatFitWholeAndSumsUpTheRest()
    {
        var opened = At.AddMinutes(-30);
        var incidents = Enumerable.Range(0, 14)
            .Select(i => new QualityStream.Core.Snapshots.IncidentSnapshot($"inc-{i}", Metric.Contact, "1h", CellScope.BuyerSource, "acme-auto", $"src-{i}",
                i < 9 ? MetricStatus.Breach : MetricStatus.Warning, opened.AddSeconds(i)))
            .ToList();
        _host.Feed.Current = Snapshot(3, HealthyCells(), incidents);

        await OpenBoardAsync(3);

        // Fourteen sources failing at one buyer each: fourteen problems.
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("14 problems: 9 breaches, 5 warnings");
        await Expect(Page.Locator("#more-problems")).ToContainTextAsync("more:");
        var shown = await Page.Locator("#problems .problem").CountAsync();
        Assert.InRange(shown, 1, 13);
        var warningsLeft = 14 - Math.Max(shown, 9);
        await Expect(Page.Locator("#more-problems")).ToHaveTextAsync(
            $"and {14 - shown} more: {9 - Math.Min(shown, 9)} {(9 - Math.Min(shown, 9) == 1 ? "breach" : "breaches")}, {warningsLeft} {(warningsLeft == 1 ? "warning" : "warnings")}");
        var bottom = await Page.Locator("#more-problems").EvaluateAsync<double>("e => e.getBoundingClientRect().bottom");
        Assert.True(bottom <= 1080, $"the summary line ends at {bottom} px");
        Assert.Empty(_browser.Errors);
    }

    [Fact]
    public async Task Board_RejectedKey_AsksForTheKeyAgain_AndConnectsWithTheRightOne()
    {
        _host.Feed.Current = BoardScenarios.AllHealthy(3);
        await Page.GotoAsync(new Uri(_host.BaseAddress, "/?key=wrong-key").ToString());

        await Expect(Page.Locator("#key-dialog .key-error")).ToContainTextAsync("not accepted");
        Assert.DoesNotContain("key=", Page.Url, StringComparison.Ordinal);
        await Page.Locator("#key-input").FillAsync(HubHost.BoardKey);
        await Page.Locator("#key-dialog button[type=submit]").ClickAsync();

        await Expect(Page.Locator("#headline")).ToHaveTextAsync("All clear");
        await Expect(Page.Locator("#key-dialog")).Not.ToBeVisibleAsync();
    }

    private async Task OpenBoardAsync(long seq)
    {
        await Page.GotoAsync(new Uri(_host.BaseAddress, "/?key=" + HubHost.BoardKey).ToString());
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-seq", seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Page.Locator("#connection")).ToContainTextAsync("Live");
    }

    private ILocator Cell(string table, string row, string metric) =>
        Page.Locator($"#{table} tbody tr:has(th:text-is('{row}')) td[data-metric='{metric}']");

    private static Task<string> Background(ILocator locator) =>
        locator.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}
