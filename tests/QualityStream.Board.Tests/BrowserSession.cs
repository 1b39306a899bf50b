using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace QualityStream.Board.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, with a fresh profile per session (so localStorage starts empty).
/// Records console errors and every requested URL so tests can prove nothing is fetched from elsewhere.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-quic", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowserContext _context;
    private readonly string _profile;

    private BrowserSession(IPlaywright playwright, IBrowserContext context, IPage page, string profile)
    {
        _playwright = playwright;
        _context = context;
        _profile = profile;
        Page = page;
        page.Console += (_, m) =>
        {
            // A worker without the incident ledger answers its endpoints 404 by design: the page says "history not
            // available" rather than failing, so the browser's own report of that 404 is not a page error.
            if (m.Type == "error" && !(m.Text.Contains("status of 404", StringComparison.Ordinal) && m.Location.Contains("/api/", StringComparison.Ordinal)))
            {
                Errors.Add($"{m.Text} at {m.Location}");
            }
        };
        page.PageError += (_, e) => Errors.Add(e);
        page.Request += (_, r) => Requests.Add(r.Url);
    }

    public IPage Page { get; }

    public ConcurrentBag<string> Errors { get; } = [];

    public ConcurrentBag<string> Requests { get; } = [];

    public static async Task<BrowserSession> StartAsync(int width = 1920, int height = 1080)
    {
        if (!File.Exists(Chromium))
        {
            // A failure, never a skip: CI (CI=true) must not pass without having run the browser tests.
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install -y chromium (.ci/install does this)");
        }

        var profile = Directory.CreateTempSubdirectory("qs-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = Flags,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return new BrowserSession(playwright, context, page, profile);
    }

    /// <summary>Where screenshots go: beside the test binaries, kept as the run's artifacts.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>The page's scroll height, window height, scroll width and window width, in that order.</summary>
    public Task<int[]> PageSizeAsync() =>
        Page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollHeight, innerHeight, document.scrollingElement.scrollWidth, innerWidth]");

    /// <summary>The elements matching <paramref name="selector"/> not wholly inside the window (or not shown), by their data-row or text.</summary>
    public Task<string[]> OutsideViewportAsync(string selector) =>
        Page.Locator(selector).EvaluateAllAsync<string[]>(
            "rows => rows.filter(r => { const b = r.getBoundingClientRect(); return b.top < 0 || b.left < 0 || b.bottom > innerHeight || b.right > innerWidth || b.height === 0; })"
            + ".map(r => r.dataset.row ?? r.textContent)");

    public async Task<string> ScreenshotAsync(string name)
    {
        var folder = ScreenshotFolder;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        _playwright.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
