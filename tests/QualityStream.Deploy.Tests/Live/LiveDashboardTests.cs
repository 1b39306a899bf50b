using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace QualityStream.Deploy.Tests.Live;

/// <summary>
/// Every shipped PromQL expression (dashboards, Grafana rules, rules.yml) against a real Prometheus scraping a real
/// worker fed by the simulator: parses, evaluates, returns data, and names only series the worker exports.
/// </summary>
public sealed class LiveDashboardTests(LiveEnvironment stack, ITestOutputHelper output) : IClassFixture<LiveEnvironment>
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Prometheus_ScrapingTheWorker_SeesTheQualitystreamJobUp()
    {
        if (!stack.Available)
        {
            return;
        }

        // One series, value 1: the job name the dashboards and WorkerDown select on, and a successful last scrape.
        await stack.WaitForAsync("up{job=\"qualitystream\"} == 1", "the worker's target up", SettleTimeout);
        var up = await stack.Prometheus.QueryAsync("up{job=\"qualitystream\"}");
        Assert.Single(up.Result);
    }

    [Fact]
    public async Task EveryShippedExpression_AgainstALiveWorker_ParsesAndEvaluates()
    {
        if (!stack.Available)
        {
            return;
        }

        var failed = new List<string>();
        foreach (var e in stack.Expressions)
        {
            var answer = await stack.Prometheus.QueryAsync(e.Expr);
            if (!answer.Succeeded)
            {
                failed.Add($"{e.Origin}: {answer} — {e.Expr}");
            }
        }

        output.WriteLine($"{stack.Expressions.Count} expressions evaluated (buyer {stack.Buyer}); stack ready in {stack.StartedIn.TotalSeconds:0.0} s");
        Assert.True(stack.Expressions.Count >= 50, $"only {stack.Expressions.Count} expressions collected");
        Assert.True(failed.Count == 0, string.Join('\n', failed));
    }

    [Fact]
    public async Task EveryShippedExpression_AgainstALiveWorker_ReturnsDataUnlessAllowedEmpty()
    {
        if (!stack.Available)
        {
            return;
        }

        // Polled: a rate() over a series that appeared a second ago needs one more scrape before it has a value.
        var empty = new List<PromQlExpression>();
        await Settle(async () =>
        {
            empty.Clear();
            foreach (var e in stack.Expressions.Where(e => !AllowedEmpty.Origins.ContainsKey(e.Origin)))
            {
                if ((await stack.Prometheus.QueryAsync(e.Expr)).IsEmpty)
                {
                    empty.Add(e);
                }
            }

            return empty.Count == 0;
        });

        foreach (var e in stack.Expressions)
        {
            var answer = await stack.Prometheus.QueryAsync(e.Expr);
            var allowed = AllowedEmpty.Origins.ContainsKey(e.Origin) ? " (allowed empty)" : "";
            output.WriteLine($"{e.Origin}{allowed}: {answer} [{string.Join(", ", answer.Values().Take(3))}]");
        }

        Assert.True(empty.Count == 0, "Empty without a reason in AllowedEmpty:\n" + string.Join('\n', empty.Select(e => $"{e.Origin}: {e.Expr}")));
    }

    [Fact]
    public async Task EverySeriesSelector_InShippedExpressions_MatchesSeriesTheWorkerExports()
    {
        if (!stack.Available)
        {
            return;
        }

        var selectors = stack.Expressions.SelectMany(e => SeriesSelectors.In(e.Expr).Select(s => (Selector: s, e.Origin)))
            .GroupBy(x => x.Selector, x => x.Origin).ToList();
        var unmatched = new List<string>();
        await Settle(async () =>
        {
            unmatched.Clear();
            foreach (var selector in selectors)
            {
                if ((await stack.Prometheus.QueryAsync(selector.Key)).IsEmpty)
                {
                    unmatched.Add($"{selector.Key} (in {string.Join(", ", selector)})");
                }
            }

            return unmatched.Count == 0;
        });

        output.WriteLine($"{selectors.Count} distinct series selectors, {unmatched.Count} unmatched");
        Assert.True(unmatched.Count == 0, "No such series exported:\n" + string.Join('\n', unmatched));
    }

    [Theory]
    [InlineData("count(qualitystream_state{scope=\"buyer_sources\"} == 2) or vector(0)")]
    [InlineData("max by (buyer) (qualitystream_treshold{level=\"warn\"})")]
    [InlineData("sum(rate(qualitystream_events_total{outcome=\"dead_letter\"}[5m])) or vector(0)")]
    public async Task SeriesSelector_NamingWhatTheWorkerDoesNotExport_MatchesNothingEvenBehindAFallback(string expr)
    {
        if (!stack.Available)
        {
            return;
        }

        var answers = await Task.WhenAll(SeriesSelectors.In(expr).Select(stack.Prometheus.QueryAsync));

        Assert.Contains(answers, a => a.Succeeded && a.IsEmpty);
    }

    [Fact]
    public async Task AlertRules_FromRulesYml_EvaluateCleanlyAndRaiseQualityBreach()
    {
        if (!stack.Available)
        {
            return;
        }

        // QualityBreach waits 2m before firing, so within this test it is pending: proof rules.yml runs on live series.
        await stack.WaitForAsync("ALERTS{alertname=\"QualityBreach\", alertstate=\"pending\"}", "QualityBreach pending", SettleTimeout);
        var rules = new List<JsonNode>();
        await Settle(async () =>
        {
            var groups = JsonNode.Parse(await stack.Prometheus.RulesAsync())!["data"]!["groups"]!.AsArray();
            rules = [.. groups.SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!)];
            return rules.Count > 0 && rules.All(r => r["health"]?.GetValue<string>() == "ok");
        });

        Assert.Equal(7, rules.Count);
        Assert.All(rules, r => Assert.True(r["health"]?.GetValue<string>() == "ok", $"{r["name"]}: {r["health"]} {r["lastError"]}"));
    }

    /// <summary>Re-checks until the condition holds or the deadline passes; the caller then asserts on what is left.</summary>
    private static async Task Settle(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }
    }
}
