using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using QualityStream.Core.Notices;
using QualityStream.Core.Serialization;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Tests.EndToEnd;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QualityStream.Board.Tests;

/// <summary>
/// The pages against the whole worker fed by the embedded broker: what they show comes from the incident ledger the
/// worker keeps from its outputs topics, so it holds what happened before the page was opened.
/// </summary>
public sealed class LedgerPagesTests(BrokerFixture broker, RedisServer redis, ITestOutputHelper output)
    : IClassFixture<BrokerFixture>, IClassFixture<RedisServer>, IAsyncLifetime
{
    private const string Zone = "America/Chicago";
    private const string StrictValidity = """{"window":"1h","warn":0.9,"breach":0.8,"clear":0.95,"minSample":10,"pendingSeconds":0,"confidence":0}""";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private WorkerUnderTest _worker = null!;
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(15_000);
        _worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Board:TimeZone"] = Zone, ["Ledger:HistoryFlushSeconds"] = "1" },
            beforeStart: w => w.Redis.GetDatabase().HashSetAsync($"{w.Prefix}qs:thresholds:validity", "default", StrictValidity));
        _browser = await BrowserSession.StartAsync(1920, 1080);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _worker.DisposeAsync();
    }

    [Fact]
    public async Task Board_IncidentThatOpenedAndClosedBeforeThePageLoaded_IsListedInTheOvernightPanel_InTheOperatorsZone()
    {
        var opened = DateTimeOffset.UtcNow.AddHours(-3).AddSeconds(-DateTimeOffset.UtcNow.Second);
        var closed = opened.AddMinutes(25);
        ProduceChanges(
            Change(1, "inc-night", CellScope.Source, null, "native-12", MetricStatus.Ok, MetricStatus.Breach, 0.61, opened),
            Change(2, "inc-night", CellScope.Source, null, "native-12", MetricStatus.Breach, MetricStatus.Ok, 0.96, closed));
        await Poll.UntilAsync(async () => (await IncidentsAsync("?state=closed")).Contains("inc-night", StringComparison.Ordinal), Patience, "the night's incident closed in the ledger");

        await Page.GotoAsync(new Uri(_worker.BaseAddress, "/?key=" + WorkerUnderTest.BoardKey).ToString());

        var night = Page.Locator("#overnight .night[data-incident='inc-night']");
        await Expect(night).ToBeVisibleAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
        await Expect(night.Locator(".when")).ToHaveTextAsync($"{Local(opened)}–{Local(closed)}");
        await Expect(night.Locator(".what")).ToHaveTextAsync("native-12 · Validity");
        await Expect(night.Locator(".how")).ToHaveTextAsync("lasted 25 min · worst 61%");
        await Expect(Page.Locator("#overnight-section .range")).ToContainTextAsync($"times {Zone}");
        await Expect(Page.Locator("#overnight-section .summary")).ToHaveTextAsync("1 incident: 1 closed, 0 still open");
        await Expect(Page.Locator("#zone")).ToHaveTextAsync(Zone);
        Assert.Empty(_browser.Errors);
        output.WriteLine(await _browser.ScreenshotAsync("board-overnight"));
    }

    [Fact]
    public async Task ReviewPage_ListsTheNightsIncidentsInTheOperatorsZone_AndPrints()
    {
        var opened = DateTimeOffset.UtcNow.AddHours(-2).AddSeconds(-DateTimeOffset.UtcNow.Second);
        ProduceChanges(
            Change(1, "inc-review", CellScope.Buyer, "acme-auto", null, MetricStatus.Ok, MetricStatus.Warning, 0.88, opened),
            Change(2, "inc-review", CellScope.Buyer, "acme-auto", null, MetricStatus.Warning, MetricStatus.Breach, 0.7, opened.AddMinutes(5)),
            Change(3, "inc-review", CellScope.Buyer, "acme-auto", null, MetricStatus.Breach, MetricStatus.Ok, 0.97, opened.AddMinutes(70)));
        await Poll.UntilAsync(async () => (await IncidentsAsync("?state=closed")).Contains("inc-review", StringComparison.Ordinal), Patience, "the incident closed in the ledger");

        await Page.GotoAsync(new Uri(_worker.BaseAddress, "/review?key=" + WorkerUnderTest.BoardKey).ToString());

        var row = Page.Locator("#incidents tbody tr[data-incident='inc-review']");
        await Expect(row).ToContainTextAsync("1 h 10 min");
        await Expect(row).ToContainTextAsync("breach");
        await Expect(row).ToContainTextAsync("70%");
        await Expect(Page.Locator("#period")).ToContainTextAsync($"times {Zone}");
        await Expect(Page.Locator("#summary")).ToHaveTextAsync("1 incident open during the period: 1 closed, 0 still open.");
        Assert.Empty(_browser.Errors);
        output.WriteLine(await _browser.ScreenshotAsync("review"));
        var pdf = Path.Combine(BrowserSession.ScreenshotFolder, "review.pdf");
        await Page.PdfAsync(new PagePdfOptions { Path = pdf, PreferCSSPageSize = true });
        Assert.True(new FileInfo(pdf).Length > 0);
        output.WriteLine(pdf);
    }

    [Fact]
    public async Task BuyerPage_ListsNoticesIssuedBeforeItWasOpened_AndNothingOfOtherBuyers_InTheDomOrOnTheWire()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-5);
        ProduceNotice(new BuyerNotice("ntc-acme-1", "acme-auto", "inc-acme", NoticeKind.Breach, Metric.Contact, "fb-camp-7", 0.37, 0.4,
            "Contact rate on leads from fb-camp-7 fell to 37% over the last hour (expected at least 40%). We are investigating and will update you.", at));
        ProduceNotice(new BuyerNotice("ntc-bolt-1", "bolt-legal", "inc-bolt", NoticeKind.Breach, Metric.Duplicate, "google-search-2", 0.07, 0.05,
            "Duplicate leads from google-search-2 rose to 7% (bolt only).", at.AddMinutes(5)));
        ProduceNotice(new BuyerNotice("ntc-acme-2", "acme-auto", "inc-acme", NoticeKind.Recovered, Metric.Contact, "fb-camp-7", 0.58, 0.4,
            "Contact rate on leads from fb-camp-7 is back to normal after 45 minutes.", at.AddMinutes(45)));
        _worker.Flush();
        await Poll.UntilAsync(async () => (await GetAsync("/api/notices", WorkerUnderTest.BoardKey)).GetProperty("notices").GetArrayLength() == 3,
            Patience, "three notices in the ledger");
        var wire = new ConcurrentQueue<string>();
        var reads = new ConcurrentQueue<Task>();
        Page.WebSocket += (_, ws) => ws.FrameReceived += (_, f) => wire.Enqueue(f.Text ?? "");
        Page.Response += (_, r) => reads.Enqueue(Task.Run(async () =>
        {
            try
            {
                wire.Enqueue(await r.TextAsync());
            }
            catch (PlaywrightException)
            {
                // A redirect or a response without a body: nothing to read.
            }
        }));

        await Page.GotoAsync(new Uri(_worker.BaseAddress, "/buyer?key=" + WorkerUnderTest.AcmeKey).ToString());

        await Expect(Page.Locator("#connection")).ToHaveTextAsync("Up to date");
        await Expect(Page.Locator(".notice")).ToHaveCountAsync(2);
        Assert.Equal(["ntc-acme-2", "ntc-acme-1"], await Page.Locator(".notice").EvaluateAllAsync<string[]>("n => n.map(x => x.dataset.notice)"));
        var breach = Page.Locator(".notice[data-notice='ntc-acme-1']");
        await Expect(breach.Locator("dl")).ToContainTextAsync("How bad37% against at least 40% expected");
        await Expect(breach.Locator("dl")).ToContainTextAsync("What we are doingResolved on");
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("Your lead quality is within its normal range");
        await Expect(Page.Locator("#no-notices")).ToBeHiddenAsync();
        await Task.WhenAll(reads);
        Assert.DoesNotContain("bolt", await Page.Locator("body").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(wire, f => f.Contains("ntc-acme-1", StringComparison.Ordinal));
        Assert.DoesNotContain(wire, f => f.Contains("bolt", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(_browser.Errors);
        output.WriteLine(await _browser.ScreenshotAsync("buyer-page-history"));
    }

    [Fact]
    public async Task Board_BuyerInBreach_ShowsItsTrustFromTheLedger_AndASparklineOfTheBreachingMetric()
    {
        // 7 valid leads and 3 whose phone is not a valid number: validity 70 %, below breach 80 %.
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 10; i++)
        {
            _worker.Produce(_worker.Deliveries, "acme-auto", TestEvents.Delivery($"L-{i}", "acme-auto", "fb-camp-7", now, i < 7 ? "+15124873910" : "+1512000"));
        }

        _worker.Flush();
        await Poll.UntilAsync(async () =>
            (await GetAsync("/api/trust", WorkerUnderTest.BoardKey)).GetProperty("buyers").EnumerateArray().Any(b => b.GetProperty("trust").GetDouble() == 0.9)
            && (await GetAsync("/api/history/sparklines?scope=buyer&window=1h&hours=6", WorkerUnderTest.BoardKey)).GetProperty("cells").GetArrayLength() > 0,
            Patience, "acme's trust and sparkline in the ledger");

        await Page.GotoAsync(new Uri(_worker.BaseAddress, "/?key=" + WorkerUnderTest.BoardKey).ToString());

        var row = Page.Locator("#buyers tbody tr[data-row='acme-auto']");
        await Expect(row.Locator("td.trust")).ToHaveTextAsync("90%");
        await Expect(row.Locator("svg.spark")).ToHaveAttributeAsync("data-metric", "validity");
        await Expect(row.Locator("svg.spark")).ToHaveAttributeAsync("data-state", "breach");
        await Expect(row.Locator("svg.spark polyline")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#headline")).ToHaveTextAsync("1 problem: 1 breach");
        var size = await _browser.PageSizeAsync();
        Assert.True(size[0] <= size[1] && size[2] <= size[3], $"page is {size[2]}×{size[0]} px in a {size[3]}×{size[1]} px window");
        Assert.Empty(_browser.Errors);
        output.WriteLine(await _browser.ScreenshotAsync("board-trust-sparkline"));
    }

    private static QualityStateChanged Change(long seq, string incidentId, CellScope scope, string? buyerId, string? sourceId, MetricStatus from, MetricStatus to, double rate, DateTimeOffset at) =>
        new(seq, incidentId, Metric.Validity, "1h", scope, buyerId, sourceId, from, to, rate, 100, new ThresholdLevels(0.9, 0.8, 0.95), "default", at, "t-test");

    /// <summary>Changes as a worker writes them to the state-changes topic, in order on one partition.</summary>
    private void ProduceChanges(params QualityStateChanged[] changes)
    {
        foreach (var c in changes)
        {
            _worker.ProduceTo(_worker.StateChanges, 0, c.BuyerId ?? $"source:{c.SourceId}", JsonSerializer.Serialize(c, QualityJsonContext.Default.QualityStateChanged));
        }

        _worker.Flush();
    }

    private void ProduceNotice(BuyerNotice notice) =>
        _worker.ProduceTo(_worker.Notices, 0, notice.BuyerId, JsonSerializer.Serialize(notice, QualityJsonContext.Default.BuyerNotice));

    private async Task<string> IncidentsAsync(string query) =>
        (await GetAsync("/api/incidents" + query, WorkerUnderTest.BoardKey)).GetRawText();

    private async Task<JsonElement> GetAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var response = await _worker.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
