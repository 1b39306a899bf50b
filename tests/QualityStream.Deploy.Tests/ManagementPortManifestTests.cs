using System.Text.Json.Nodes;

namespace QualityStream.Deploy.Tests;

/// <summary>
/// The worker's management port (<c>Http:ManagementPort</c>: <c>/metrics</c> and the probes) as rendered: never on the
/// public Service, scraped through a Service of its own, and reachable only from Prometheus.
/// </summary>
public sealed class ManagementPortManifestTests
{
    private const int ManagementPort = 9464;

    [Theory]
    [InlineData("k8s")]
    [InlineData("k8s/autoscaling")]
    public void ManagementPort_IsOffThePublicService_AndScrapedThroughItsOwnClusterIpService(string dir)
    {
        if (Objects(dir) is not { } objects)
        {
            return;
        }

        var services = objects.Where(o => Kind(o) == "Service").ToList();
        var metrics = services.Single(s => Name(s) == "qualitystream-metrics");
        var monitor = objects.Single(o => Kind(o) == "ServiceMonitor");
        var worker = objects.Single(o => Kind(o) == "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var config = objects.Single(o => Kind(o) == "ConfigMap")["data"]!;

        Assert.Equal(["http 8080->http"], Ports(services.Single(s => Name(s) == "qualitystream")));
        Assert.Equal([$"metrics {ManagementPort}->metrics"], Ports(metrics));
        Assert.Equal("ClusterIP", (string?)metrics["spec"]!["type"]);
        Assert.Equal(["qualitystream-metrics"], services.Where(s => Selects(monitor["spec"]!["selector"]!["matchLabels"]!, s)).Select(Name));
        Assert.Equal("metrics", (string?)monitor["spec"]!["endpoints"]![0]!["port"]);
        // The alert rules and dashboards select job="qualitystream".
        Assert.Equal("qualitystream", (string?)metrics["metadata"]!["labels"]![(string)monitor["spec"]!["jobLabel"]!]);
        Assert.Contains($"metrics {ManagementPort}", worker["ports"]!.AsArray().Select(p => $"{p!["name"]} {p["containerPort"]}"));
        Assert.Equal($"{ManagementPort}", (string?)config["Http__ManagementPort"]);
        Assert.All(new[] { "livenessProbe", "readinessProbe", "startupProbe" }, probe => Assert.Equal("metrics", (string?)worker[probe]!["httpGet"]!["port"]));
    }

    [Theory]
    [InlineData("k8s")]
    [InlineData("k8s/autoscaling")]
    public void NetworkPolicy_AdmitsTheManagementPort_OnlyFromPrometheusPods(string dir)
    {
        if (Objects(dir) is not { } objects)
        {
            return;
        }

        var rules = objects.Single(o => Kind(o) == "NetworkPolicy")["spec"]!["ingress"]!.AsArray().Select(r => r!).ToList();
        // A rule without ports admits every port (by number or by the container port's name); one without peers admits every source.
        var admitting = rules.Where(r => r["ports"] is not JsonArray ports
            || ports.Any(p => p!["port"]?.ToString() is var port && (port == $"{ManagementPort}" || port == "metrics"))).ToList();

        Assert.NotEmpty(admitting);
        Assert.All(admitting, rule =>
        {
            var peers = Assert.IsType<JsonArray>(rule["from"]);
            Assert.NotEmpty(peers);
            Assert.All(peers, peer =>
            {
                Assert.Equal("prometheus", (string?)peer!["podSelector"]?["matchLabels"]?["app.kubernetes.io/name"]);
                Assert.NotNull(peer["namespaceSelector"]);
                Assert.Null(peer["ipBlock"]);
            });
        });
    }

    private static List<JsonNode>? Objects(string dir) =>
        KubernetesManifestTests.Render(dir)?.Select(d => YamlToJson.Documents(d).Single()!).ToList();

    private static string Kind(JsonNode o) => (string?)o["kind"] ?? "";

    private static string Name(JsonNode o) => (string?)o["metadata"]?["name"] ?? "";

    private static List<string> Ports(JsonNode service) =>
        [.. service["spec"]!["ports"]!.AsArray().Select(p => $"{p!["name"]} {p["port"]}->{p["targetPort"]}")];

    private static bool Selects(JsonNode matchLabels, JsonNode service) =>
        matchLabels.AsObject().All(l => (string?)service["metadata"]?["labels"]?[l.Key] == (string?)l.Value);
}
