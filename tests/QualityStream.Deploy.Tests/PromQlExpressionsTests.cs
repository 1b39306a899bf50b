using System.Text.RegularExpressions;

namespace QualityStream.Deploy.Tests;

public sealed partial class PromQlExpressionsTests
{
    private static readonly IReadOnlyList<PromQlExpression> All = PromQlExpressions.CollectAll();

    [Fact]
    public void CollectAll_FindsEveryTargetRuleAndVariableQuery()
    {
        // Counted independently of the extractor, from the raw text of each file.
        var dashboardTargets = Directory.GetFiles(RepoPaths.Of("dashboards"), "*.json")
            .Sum(f => JsonExprKey().Count(File.ReadAllText(f)));
        var variableQueries = Directory.GetFiles(RepoPaths.Of("dashboards"), "*.json")
            .Sum(f => LabelValuesDefinition().Count(File.ReadAllText(f)));
        var grafanaQueries = Directory.GetFiles(RepoPaths.Of("deploy/grafana/provisioning/alerting"), "*.yaml")
            .Sum(f => YamlExprKey().Count(File.ReadAllText(f)));
        var prometheusRules = YamlExprKey().Count(File.ReadAllText(RepoPaths.Of("deploy/prometheus/rules.yml")));

        Assert.Equal(dashboardTargets + variableQueries + grafanaQueries + prometheusRules, All.Count);
        Assert.True(dashboardTargets >= 40, $"only {dashboardTargets} dashboard targets");
        Assert.Equal(7, prometheusRules);
        Assert.Contains(All, e => e.Origin.StartsWith("buyer-drilldown.json", StringComparison.Ordinal) && e.Expr.Contains("buyer=\"acme-auto\"", StringComparison.Ordinal));
        Assert.Contains(All, e => e.Origin.StartsWith("qualitystream.yaml rule", StringComparison.Ordinal));
    }

    [Fact]
    public void CollectAll_ReplacesEveryTemplateVariable()
    {
        Assert.DoesNotContain(All, e => e.Expr.Contains('$', StringComparison.Ordinal) || e.Expr.Contains("[[", StringComparison.Ordinal));
    }

    [Fact]
    public void FromDashboard_WithoutAValueForAVariable_Throws()
    {
        var drillDown = RepoPaths.Of("dashboards/buyer-drilldown.json");

        var error = Assert.Throws<InvalidDataException>(() => PromQlExpressions.FromDashboard(drillDown, new Dictionary<string, string>()).ToList());

        Assert.Contains("$buyer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryExpression_UsesOnlyContractMetricNames()
    {
        var unknown = All.SelectMany(e => PromQlNames.Metrics(e.Expr).Where(m => !Contract.Metrics.Contains(m)).Select(m => $"{e.Origin}: {m}"));

        Assert.Empty(unknown);
        Assert.Contains(All, e => PromQlNames.Metrics(e.Expr).Count > 0);
    }

    [Fact]
    public void EveryExpression_UsesOnlyContractLabels()
    {
        var unknown = All.SelectMany(e => PromQlNames.Labels(e.Expr).Where(l => !Contract.Labels.Contains(l)).Select(l => $"{e.Origin}: {l}"));

        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("sum by (topic) (rate(qualitystream_event_total{outcome!~\"applied\"}[5m]))", "qualitystream_event_total")]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(qualitystream_event_to_state_change_seconds[5m])))", "qualitystream_event_to_state_change_seconds")]
    [InlineData("qualitystream_rate > on (metric) group_left qualitystream_treshold offset 5m", "qualitystream_treshold")]
    public void PromQlNames_FindsAMetricOutsideTheContract(string expr, string unknown)
    {
        var names = PromQlNames.Metrics(expr);

        Assert.Contains(unknown, names);
        Assert.DoesNotContain(names, n => n is "sum" or "rate" or "le" or "topic" or "metric" or "by" or "offset" or "m");
    }

    [Fact]
    public void PromQlNames_FindsALabelOutsideTheContract()
    {
        Assert.Contains("buyer_id", PromQlNames.Labels("max by (buyer_id) (qualitystream_rate{scope=\"buyer\"})"));
        Assert.Contains("sourceId", PromQlNames.Labels("qualitystream_rate{sourceId=~\"a,b\", scope=\"x\"}"));
    }

    [Fact]
    public void EveryExpression_ParsesUnderPromtool()
    {
        if (ExternalTool.Require("promtool") is not { } promtool)
        {
            return;
        }

        var result = PromtoolRules.Check(promtool, All);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"SUCCESS: {All.Count} rules found", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Promtool_RejectsAnUnparseableExpression()
    {
        if (ExternalTool.Require("promtool") is not { } promtool)
        {
            return;
        }

        var result = PromtoolRules.Check(promtool, [new("broken", "sum by (buyer (qualitystream_rate)")]);

        Assert.NotEqual(0, result.ExitCode);
    }

    [GeneratedRegex("\"expr\"\\s*:")]
    private static partial Regex JsonExprKey();

    [GeneratedRegex("\"definition\"\\s*:\\s*\"label_values\\(")]
    private static partial Regex LabelValuesDefinition();

    [GeneratedRegex(@"^\s*(?:-\s+)?expr:", RegexOptions.Multiline)]
    private static partial Regex YamlExprKey();
}
