using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace QualityStream.Deploy.Tests;

public sealed partial class AlertRuleTests
{
    private static readonly string[] Alerts = ["QualityBreach", "QualityWarningSustained", "QualityRateVolatile", "BuyerAccountAtRisk", "ConsumerLagHigh", "DeadLettersSpike", "WorkerDown"];

    [Fact]
    public void PrometheusRules_HaveTheSevenAlerts_EachWithSeveritySummaryDescriptionAndRunbook()
    {
        var rules = PrometheusRules(YamlToJson.File(RepoPaths.Of("deploy/prometheus/rules.yml"))).ToList();

        Assert.Equal(Alerts.Order(StringComparer.Ordinal), rules.Select(r => r["alert"]!.ToString()).Order(StringComparer.Ordinal));
        foreach (var rule in rules)
        {
            Assert.Contains(rule["labels"]?["severity"]?.ToString(), new[] { "critical", "warning" });
            Assert.False(string.IsNullOrWhiteSpace(rule["annotations"]?["summary"]?.ToString()), $"{rule["alert"]} summary");
            Assert.False(string.IsNullOrWhiteSpace(rule["annotations"]?["description"]?.ToString()), $"{rule["alert"]} description");
            AssertRunbookAnchorExists(rule["annotations"]?["runbook_url"]?.ToString());
        }
    }

    [Fact]
    public void PromtoolUnitTests_CoverEveryAlert()
    {
        var tested = TestedAlert().Matches(File.ReadAllText(RepoPaths.Of("deploy/prometheus/rules.test.yml"))).Select(m => m.Groups[1].Value);

        Assert.Equal(Alerts.Order(StringComparer.Ordinal), tested.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void KubernetesPrometheusRule_HasExactlyTheGroupsOfRulesYml()
    {
        var source = YamlToJson.File(RepoPaths.Of("deploy/prometheus/rules.yml"))!["groups"];
        var rule = YamlToJson.File(RepoPaths.Of("k8s/base/prometheusrule.yaml"))!;

        Assert.Equal("PrometheusRule", rule["kind"]?.ToString());
        Assert.True(JsonNode.DeepEquals(source, rule["spec"]?["groups"]), "k8s/base/prometheusrule.yaml is stale: run deploy/prometheus/generate-prometheusrule.sh");
    }

    [Fact]
    public void GrafanaAlertRules_AreWellFormedAndQueryTheProvisionedPrometheus()
    {
        var file = YamlToJson.File(RepoPaths.Of("deploy/grafana/provisioning/alerting/qualitystream.yaml"))!;
        var datasource = YamlToJson.File(RepoPaths.Of("deploy/grafana/provisioning/datasources/prometheus.yaml"))!["datasources"]![0]!;

        Assert.Equal(1L, file["apiVersion"]!.GetValue<long>());
        foreach (var group in file["groups"]!.AsArray())
        {
            Assert.False(string.IsNullOrEmpty(group!["folder"]?.ToString()));
            Assert.Matches("^[0-9]+[smh]$", group["interval"]!.ToString());
            foreach (var rule in group["rules"]!.AsArray())
            {
                var data = rule!["data"]!.AsArray();
                var refIds = data.Select(d => d!["refId"]!.ToString()).ToList();
                Assert.Contains(rule["condition"]!.ToString(), refIds);
                Assert.Matches("^[0-9]+[smh]$", rule["for"]!.ToString());
                Assert.False(string.IsNullOrEmpty(rule["uid"]?.ToString()));
                Assert.All(data.Where(d => d!["datasourceUid"]!.ToString() != "__expr__"),
                    d => Assert.Equal(datasource["uid"]!.ToString(), d!["datasourceUid"]!.ToString()));
                Assert.All(data.Where(d => d!["datasourceUid"]!.ToString() == "__expr__"),
                    d => Assert.Contains(d!["model"]!["expression"]!.ToString(), refIds));
                AssertRunbookAnchorExists(rule["annotations"]?["runbook_url"]?.ToString());
            }
        }
    }

    [Fact]
    public void GrafanaNotifications_AreGroupedByBuyer()
    {
        var policies = YamlToJson.File(RepoPaths.Of("deploy/grafana/provisioning/alerting/policies.yaml"))!;

        Assert.Contains("buyer", policies["policies"]![0]!["group_by"]!.AsArray().Select(l => l!.ToString()));
    }

    private static IEnumerable<JsonNode> PrometheusRules(JsonNode? file) =>
        file!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!);

    private static void AssertRunbookAnchorExists(string? url)
    {
        Assert.NotNull(url);
        Assert.StartsWith("docs/runbook.md#", url, StringComparison.Ordinal);
        var anchors = Heading().Matches(File.ReadAllText(RepoPaths.Of("docs/runbook.md")))
            .Select(m => m.Groups[1].Value.Trim().ToLowerInvariant().Replace(' ', '-'));
        Assert.Contains(url["docs/runbook.md#".Length..], anchors);
    }

    [GeneratedRegex(@"^\s*alertname:\s*(\w+)", RegexOptions.Multiline)]
    private static partial Regex TestedAlert();

    [GeneratedRegex(@"^##\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
