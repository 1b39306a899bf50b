using System.Text.Json.Nodes;

namespace QualityStream.Deploy.Tests;

public sealed class DashboardTests
{
    private const string ProvisionedUid = "qualitystream-prometheus";

    public static TheoryData<string> Dashboards() => [.. Files()];

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EveryPanel_HasAPrometheusDatasourceAndAPromQlTarget(string file)
    {
        var dashboard = Load(file);
        var panels = PromQlExpressions.Panels(dashboard).ToList();

        Assert.NotEmpty(panels);
        foreach (var panel in panels)
        {
            var title = panel["title"]?.ToString();
            Assert.True(IsPrometheus(panel["datasource"]), $"{file} '{title}': datasource {panel["datasource"]?.ToJsonString()}");
            var targets = panel["targets"]?.AsArray() ?? [];
            Assert.True(targets.Any(t => t?["expr"]?.ToString() is { Length: > 0 }), $"{file} '{title}' has no PromQL target");
            Assert.All(targets, t => Assert.True(t?["datasource"] is null || IsPrometheus(t["datasource"]), $"{file} '{title}' target datasource"));
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void DatasourceVariable_DefaultsToTheProvisionedPrometheus(string file)
    {
        var variable = Variable(Load(file), "datasource");

        Assert.Equal("datasource", variable["type"]?.ToString());
        Assert.Equal("prometheus", variable["query"]?.ToString());
        Assert.Equal(ProvisionedUid, variable["current"]?["value"]?.ToString());
    }

    [Fact]
    public void Dashboards_AreTheMorningReviewAndTheBuyerDrillDown_WithDistinctUids()
    {
        var all = Files().Select(Load).ToList();

        Assert.Contains(all, d => d["title"]?.ToString() == "QualityStream — morning review");
        Assert.Contains(all, d => d["title"]?.ToString() == "QualityStream — buyer drill-down");
        Assert.Equal(all.Count, all.Select(d => d["uid"]?.ToString()).Distinct().Count());
    }

    [Fact]
    public void BuyerDrillDown_ChoosesTheBuyerFromBuyerCells()
    {
        var buyer = Variable(Load("buyer-drilldown.json"), "buyer");

        Assert.Equal("label_values(qualitystream_rate{scope=\"buyer\"}, buyer)", buyer["definition"]?.ToString());
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void GridPositions_DoNotOverlap(string file)
    {
        var boxes = PromQlExpressions.Panels(Load(file)).Select(p => p["gridPos"]!).ToList();

        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(Overlap(boxes[i], boxes[j]), $"{file}: panels {i} and {j} overlap");
            }
        }
    }

    private static bool Overlap(JsonNode a, JsonNode b)
    {
        int V(JsonNode n, string k) => n[k]!.GetValue<int>();
        return V(a, "x") < V(b, "x") + V(b, "w") && V(b, "x") < V(a, "x") + V(a, "w")
            && V(a, "y") < V(b, "y") + V(b, "h") && V(b, "y") < V(a, "y") + V(a, "h");
    }

    private static bool IsPrometheus(JsonNode? datasource) =>
        datasource?["type"]?.ToString() == "prometheus" && datasource["uid"]?.ToString() is "${datasource}" or ProvisionedUid;

    private static JsonNode Variable(JsonNode dashboard, string name) =>
        dashboard["templating"]!["list"]!.AsArray().Single(v => v?["name"]?.ToString() == name)!;

    private static IEnumerable<string> Files() =>
        Directory.GetFiles(RepoPaths.Of("dashboards"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(RepoPaths.Of(Path.Combine("dashboards", file))))!;
}
