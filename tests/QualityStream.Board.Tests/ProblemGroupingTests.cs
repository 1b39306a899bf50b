using System.Text.Json;
using QualityStream.Worker.Tests.Hubs.Support;

namespace QualityStream.Board.Tests;

/// <summary>
/// The root-cause rule of <c>problems.js</c> on its own, run in Chromium: open incidents in, problems out. Each case
/// gives the incidents and, per buyer, the sources whose buyer×source cell of the metric is in warning or breach.
/// </summary>
public sealed class ProblemGroupingTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Dictionary<string, string[]> NoBadSources = [];

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
    public async Task SourceFailingAtFourBuyers_WithItsPairsAndThoseBuyersOwnIncidents_IsOneSourceProblem()
    {
        string[] buyers = ["a", "b", "c", "d"];
        var incidents = new List<object> { Inc("s", "source", null, "bad") };
        incidents.AddRange(buyers.Select(b => Inc($"p-{b}", "buyer_source", b, "bad")));
        incidents.AddRange(buyers.Select(b => Inc($"b-{b}", "buyer", b, null, "warning")));

        var problems = await GroupAsync(incidents, buyers.ToDictionary(b => b, _ => new[] { "bad" }));

        var p = Assert.Single(problems);
        Assert.Equal(("source", "s", "breach", 9), (p.Kind, p.Id, p.State, p.Incidents));
        Assert.Equal(buyers, p.Buyers);
    }

    [Fact]
    public async Task SourceIncidentWhosePairIncidentsAreAtOneBuyerOnly_IsThatBuyersProblem()
    {
        // A duplicate storm at buyer a: its main source's own rate breaches only because of a's leads.
        var problems = await GroupAsync(
            [Inc("s", "source", null, "x"), Inc("p-a", "buyer_source", "a", "x"), Inc("b-a", "buyer", "a", null), Inc("p-b", "buyer_source", "b", "y", "warning")],
            new Dictionary<string, string[]> { ["a"] = ["x"], ["b"] = ["y"] });

        Assert.Equal(2, problems.Count);
        var a = problems.Single(p => p.Buyers.SequenceEqual(["a"]));
        Assert.Equal(("buyer_source", "breach", 3), (a.Kind, a.State, a.Incidents));
        var b = problems.Single(p => p.Buyers.SequenceEqual(["b"]));
        Assert.Equal(("buyer_source", 1), (b.Kind, b.Incidents));
    }

    [Fact]
    public async Task PairsOfOneSourceAtTwoBuyers_WithoutASourceIncident_AreOneSourceProblem()
    {
        var problems = await GroupAsync([Inc("p-a", "buyer_source", "a", "x", "warning"), Inc("p-b", "buyer_source", "b", "x")], NoBadSources);

        var p = Assert.Single(problems);
        Assert.Equal(("source", "breach", 2), (p.Kind, p.State, p.Incidents));
        Assert.Equal(["a", "b"], p.Buyers);
    }

    [Fact]
    public async Task BuyerWhoseOnlyBadSourceIsOne_IsThatBuyerSourceProblem()
    {
        var problems = await GroupAsync([Inc("b-a", "buyer", "a", null, "warning"), Inc("p-a", "buyer_source", "a", "x")],
            new Dictionary<string, string[]> { ["a"] = ["x"] });

        var p = Assert.Single(problems);
        Assert.Equal(("buyer_source", "p-a", "breach", 2), (p.Kind, p.Id, p.State, p.Incidents));
        Assert.Equal(["a"], p.Buyers);
        Assert.Equal(["x"], p.Sources);
    }

    [Fact]
    public async Task BuyerWithTwoBadSources_IsABuyerProblemListingBoth()
    {
        var problems = await GroupAsync([Inc("b-a", "buyer", "a", null), Inc("p-x", "buyer_source", "a", "x"), Inc("p-y", "buyer_source", "a", "y", "warning")],
            new Dictionary<string, string[]> { ["a"] = ["x", "y"] });

        var p = Assert.Single(problems);
        Assert.Equal(("buyer", "b-a", 3), (p.Kind, p.Id, p.Incidents));
        Assert.Equal(["x", "y"], p.Sources);
    }

    [Fact]
    public async Task OtherMetricsAndLonePairs_StayProblemsOfTheirOwn_BreachesAndWholeBuyersFirst()
    {
        var problems = await GroupAsync(
            [Inc("pair", "buyer_source", "a", "x", "warning"), Inc("buyer-contact", "buyer", "b", null, "breach", "contact"), Inc("buyer-validity", "buyer", "b", null, "warning")],
            NoBadSources);

        Assert.Equal(["buyer-contact", "buyer-validity", "pair"], problems.Select(p => p.Id));
        Assert.Equal(["buyer", "buyer", "buyer_source"], problems.Select(p => p.Kind));
    }

    private static object Inc(string id, string scope, string? buyerId, string? sourceId, string state = "breach", string metric = "validity") =>
        new { incidentId = id, metric, window = "1h", scope, buyerId, sourceId, state, openedAt = "2026-11-23T07:00:00Z" };

    private async Task<IReadOnlyList<Problem>> GroupAsync(IReadOnlyList<object> incidents, IReadOnlyDictionary<string, string[]> badSources)
    {
        var json = await _browser.Page.EvaluateAsync<string>(
            """
            async ([incidents, bad]) => {
              const { groupProblems } = await import('/board/js/problems.js');
              const problems = groupProblems(incidents, (buyerId) => bad[buyerId] ?? []);
              return JSON.stringify(problems.map(p => ({ kind: p.kind, id: p.id, state: p.state, incidents: p.incidents.length, buyers: p.buyers, sources: p.sources })));
            }
            """, new object[] { incidents, badSources });
        return JsonSerializer.Deserialize<List<Problem>>(json, Json)!;
    }

    private sealed record Problem(string Kind, string Id, string State, int Incidents, string[] Buyers, string[] Sources);
}
