using System.Text.Json.Nodes;

namespace QualityStream.Deploy.Tests;

/// <summary>
/// docker-compose's alerting: Grafana and Prometheus hand their alerts to the compose Alertmanager, which routes them to
/// one webhook receiver with a placeholder URL the user replaces (amtool decides the routes, as Alertmanager would).
/// </summary>
public sealed class ComposeAlertingTests
{
    private const string Config = "deploy/alertmanager/alertmanager.yml";
    private static readonly JsonNode Services = YamlToJson.File(RepoPaths.Of("docker-compose.yml"))!["services"]!;

    [Fact]
    public void GrafanaAndPrometheus_SendToTheComposeAlertmanager()
    {
        var alertmanager = Services["alertmanager"]!;
        var contactPoint = YamlToJson.File(RepoPaths.Of("deploy/grafana/provisioning/alerting/contact-points.yaml"))!["contactPoints"]![0]!;
        var policy = YamlToJson.File(RepoPaths.Of("deploy/grafana/provisioning/alerting/policies.yaml"))!["policies"]![0]!;
        var prometheus = YamlToJson.File(RepoPaths.Of("deploy/prometheus/prometheus.yml"))!;

        Assert.Contains($"./{Config}:/etc/alertmanager/alertmanager.yml:ro", alertmanager["volumes"]!.AsArray().Select(v => v!.ToString()));
        Assert.Contains("9093:9093", alertmanager["ports"]!.AsArray().Select(p => p!.ToString()));
        var receiver = contactPoint["receivers"]!.AsArray().Single()!;
        Assert.Equal("prometheus-alertmanager", receiver["type"]!.ToString());
        Assert.Equal("http://alertmanager:9093", receiver["settings"]!["url"]!.ToString());
        Assert.Equal(contactPoint["name"]!.ToString(), policy["receiver"]!.ToString());
        Assert.Equal(["alertmanager:9093"], prometheus["alerting"]!["alertmanagers"]!.AsArray()
            .SelectMany(a => a!["static_configs"]!.AsArray()).SelectMany(s => s!["targets"]!.AsArray()).Select(t => t!.ToString()));
    }

    [Fact]
    public void WebhookReceiver_IsAPlaceholderThatCannotReachAnyone()
    {
        var config = YamlToJson.File(RepoPaths.Of(Config))!;
        var webhook = config["receivers"]!.AsArray().Single(r => r!["name"]!.ToString() == "webhook")!;

        Assert.Equal("webhook", config["route"]!["receiver"]!.ToString());
        var url = new Uri(webhook["webhook_configs"]![0]!["url"]!.ToString());
        Assert.EndsWith(".invalid", url.Host, StringComparison.Ordinal);
    }

    [Fact]
    public void GrafanasAlertsAndPrometheusPipelineAlerts_GoToTheWebhook_PrometheusQualityAlertsAreNotSentTwice()
    {
        if (ExternalTool.Require("amtool") is not { } amtool)
        {
            return;
        }

        var grafana = YamlToJson.File(RepoPaths.Of("deploy/grafana/provisioning/alerting/qualitystream.yaml"))!["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!["title"]!.ToString()).ToList();
        var prometheus = YamlToJson.File(RepoPaths.Of("deploy/prometheus/rules.yml"))!["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!["alert"]!.ToString()).ToList();
        string[] duplicates = ["QualityBreach", "QualityWarningSustained"];

        Assert.Equal(3, grafana.Count);
        Assert.Subset(prometheus.ToHashSet(), duplicates.ToHashSet());
        foreach (var alert in grafana)
        {
            Assert.Equal("webhook", Route(amtool, $"alertname={alert}", "grafana_folder=QualityStream", "buyer=acme-auto", "severity=critical"));
        }

        foreach (var alert in prometheus)
        {
            Assert.Equal(duplicates.Contains(alert) ? "discard" : "webhook", Route(amtool, $"alertname={alert}", "severity=critical"));
        }
    }

    private static string Route(string amtool, params string[] labels)
    {
        var result = ExternalTool.Run(amtool, ["config", "routes", "test", $"--config.file={Config}", .. labels]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }
}
