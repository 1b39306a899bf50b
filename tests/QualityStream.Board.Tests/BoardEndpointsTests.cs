using System.Net;
using QualityStream.Worker.Tests.Hubs.Support;

namespace QualityStream.Board.Tests;

/// <summary>The pages and their assets over plain HTTP: open without a key, served only from the board folder.</summary>
public sealed class BoardEndpointsTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private HubHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await HubHost.StartAsync(redis.Configuration);
        _http.BaseAddress = _host.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("/", "text/html", "Wall board")]
    [InlineData("/buyer", "text/html", "Lead quality notices")]
    [InlineData("/review", "text/html", "Morning review")]
    [InlineData("/board/js/problems.js", "text/javascript", "groupProblems")]
    [InlineData("/board/css/review.css", "text/css", "@media print")]
    [InlineData("/board/js/board.js", "text/javascript", "connectHub")]
    [InlineData("/board/css/site.css", "text/css", "--breach")]
    [InlineData("/board/lib/signalr.min.js", "text/javascript", "HubConnectionBuilder")]
    public async Task Page_WithoutAKey_IsServedWithItsTypeAndAStrictContentPolicy(string path, string type, string contains)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(contains, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/board/nothing-here.js")]
    [InlineData("/board/js")]
    [InlineData("/board/%2e%2e/%2e%2e/QualityStream.Worker.dll")]
    [InlineData("/board/..%2f..%2fQualityStream.Worker.deps.json")]
    public async Task Asset_OutsideTheBoardFolderOrMissing_Is404(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Asset_Unchanged_AnswersNotModified()
    {
        using var first = await _http.GetAsync(new Uri("/board/js/board.js", UriKind.Relative));
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/board/js/board.js", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await _http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }
}
