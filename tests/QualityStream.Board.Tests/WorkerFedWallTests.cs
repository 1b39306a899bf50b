using System.Globalization;
using Microsoft.Playwright;
using QualityStream.Worker.Tests.EndToEnd;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QualityStream.Board.Tests;

/// <summary>
/// The wall at 1920×1080 against the whole worker fed through the embedded broker: 30 buyers × 60 sources and 20 open
/// incidents fit one screen, every buyer row whole.
/// </summary>
public sealed class WorkerFedWallTests(BrokerFixture broker, RedisServer redis, ITestOutputHelper output)
    : IClassFixture<BrokerFixture>, IClassFixture<RedisServer>, IAsyncLifetime
{
    private const int Buyers = 30;
    private const int Sources = 60;
    private const int Bad = 20;

    // Only the twenty bad pairs can alert: every default needs more leads than any cell gets.
    private const string Never = """{"window":"1h","warn":0.5,"breach":0.4,"clear":0.55,"minSample":1000000000,"pendingSeconds":0,"confidence":0}""";
    private const string NeverHigh = """{"window":"1h","warn":0.5,"breach":0.6,"clear":0.45,"minSample":1000000000,"pendingSeconds":0,"confidence":0}""";
    private const string StrictPair = """{"window":"1h","warn":0.9,"breach":0.8,"clear":0.95,"minSample":5,"pendingSeconds":0,"confidence":0}""";

    private WorkerUnderTest _worker = null!;
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    private static string Buyer(int i) => $"buyer-{i:D2}";

    private static string Source(int i) => $"source-{i:D2}";

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(30_000);
        _worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration, beforeStart: async w =>
        {
            var db = w.Redis.GetDatabase();
            foreach (var (metric, json) in new[] { ("validity", Never), ("contact", Never), ("duplicate", NeverHigh), ("return", NeverHigh) })
            {
                await db.HashSetAsync($"{w.Prefix}qs:thresholds:{metric}", "default", json);
            }

            for (var i = 1; i <= Bad; i++)
            {
                await db.HashSetAsync($"{w.Prefix}qs:thresholds:validity", $"buyer:{Buyer(i)}|source:{Source(i)}", StrictPair);
            }
        });
        _browser = await BrowserSession.StartAsync(1920, 1080);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _worker.DisposeAsync();
    }

    [Fact]
    public async Task Board_ThirtyBuyersSixtySourcesTwentyIncidents_FromTheWorker_FitsTheScreenWithEveryBuyerRowWhole()
    {
        var now = DateTimeOffset.UtcNow;
        var n = 0;
        for (var b = 1; b <= Buyers; b++)
        {
            for (var s = 1; s <= Sources; s++)
            {
                // A bad pair gets five good leads, then five whose phone is no US number: 50 %, below its breach level.
                var leads = b <= Bad && s == b ? 10 : 1;
                for (var k = 0; k < leads; k++, n++)
                {
                    var phone = leads == 10 && k >= 5 ? "+1512000" : string.Create(CultureInfo.InvariantCulture, $"+1512487{n % 10000:D4}");
                    _worker.Produce(_worker.Deliveries, Buyer(b), TestEvents.Delivery($"L-{n}", Buyer(b), Source(s), now, phone));
                }
            }
        }

        _worker.Flush();

        // The page opens while the worker is still applying the leads: cells it learns of by RatesUpdated only must show too.
        await Page.GotoAsync(new Uri(_worker.BaseAddress, "/?key=" + WorkerUnderTest.BoardKey).ToString());

        await Expect(Page.Locator("#connection")).ToContainTextAsync($"Live · {Bad} open incidents");
        await Expect(Page.Locator("#headline")).ToHaveTextAsync($"{Bad} problems: {Bad} breaches");
        await Expect(Page.Locator("#buyers tbody tr")).ToHaveCountAsync(Buyers);
        // Settled: while the first thousands of rates stream in, each render lays the grids out anew for the rows it has,
        // and one may be caught mid-way; the wall is judged once the data has arrived.
        var (scroll, outside) = (Array.Empty<int>(), Array.Empty<string>());
        await Poll.UntilAsync(async () =>
        {
            scroll = await _browser.PageSizeAsync();
            outside = await _browser.OutsideViewportAsync("#buyers tbody tr");
            return scroll[0] <= scroll[1] && scroll[2] <= scroll[3] && outside.Length == 0;
        }, TimeSpan.FromSeconds(15), "the page to fit the screen with every buyer row inside it",
            () => $"page is {scroll[2]}×{scroll[0]} px in a {scroll[3]}×{scroll[1]} px window; buyer rows outside: {string.Join(", ", outside)}");
        await Expect(Page.Locator("#buyers tbody tr")).ToHaveCountAsync(Buyers);
        output.WriteLine(await _browser.ScreenshotAsync("board-worker-30x60"));
        Assert.Empty(_browser.Errors);
    }
}
