using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace QualityStream.Deploy.Tests;

/// <summary>
/// Every PromQL expression the repository ships: dashboard targets and template-variable selectors, Grafana-managed
/// alert rule queries, Prometheus alert rules. Template variables are replaced by the values given (a live test passes
/// a buyer the simulator really produces); a variable without a value is an error, so none slips through unreplaced.
/// </summary>
public static partial class PromQlExpressions
{
    public static readonly IReadOnlyDictionary<string, string> SampleVariables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["buyer"] = "acme-auto",
        ["window"] = "1h",
    };

    public static IReadOnlyList<PromQlExpression> CollectAll(IReadOnlyDictionary<string, string>? variables = null)
    {
        variables ??= SampleVariables;
        var dashboards = Directory.GetFiles(RepoPaths.Of("dashboards"), "*.json").Order(StringComparer.Ordinal)
            .SelectMany(path => FromDashboard(path, variables));
        var grafanaRules = Directory.GetFiles(RepoPaths.Of("deploy/grafana/provisioning/alerting"), "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(FromGrafanaAlertRules);
        return [.. dashboards, .. grafanaRules, .. FromPrometheusRules(RepoPaths.Of("deploy/prometheus/rules.yml"))];
    }

    public static IEnumerable<PromQlExpression> FromDashboard(string path, IReadOnlyDictionary<string, string> variables)
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(path))!;
        var name = Path.GetFileName(path);
        foreach (var variable in dashboard["templating"]?["list"]?.AsArray() ?? [])
        {
            var query = variable?["definition"]?.GetValue<string>();
            if (variable?["type"]?.GetValue<string>() == "query" && query is not null && LabelValuesSelector(query) is { } selector)
            {
                yield return new($"{name} variable {variable["name"]}", Substitute(selector, variables, name));
            }
        }

        foreach (var panel in Panels(dashboard))
        {
            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                if (target?["expr"]?.GetValue<string>() is { Length: > 0 } expr)
                {
                    yield return new($"{name} panel '{panel["title"]}' {target["refId"]}", Substitute(expr, variables, name));
                }
            }
        }
    }

    public static IEnumerable<PromQlExpression> FromGrafanaAlertRules(string path)
    {
        var file = YamlToJson.File(path);
        foreach (var group in file?["groups"]?.AsArray() ?? [])
        {
            foreach (var rule in group!["rules"]?.AsArray() ?? [])
            {
                foreach (var query in rule!["data"]?.AsArray() ?? [])
                {
                    if (query!["datasourceUid"]?.GetValue<string>() != "__expr__" && query["model"]?["expr"]?.GetValue<string>() is { } expr)
                    {
                        yield return new($"{Path.GetFileName(path)} rule '{rule["title"]}' {query["refId"]}", expr);
                    }
                }
            }
        }
    }

    public static IEnumerable<PromQlExpression> FromPrometheusRules(string path)
    {
        var file = YamlToJson.File(path);
        foreach (var group in file?["groups"]?.AsArray() ?? [])
        {
            foreach (var rule in group!["rules"]?.AsArray() ?? [])
            {
                var name = rule!["alert"] ?? rule["record"];
                yield return new($"{Path.GetFileName(path)} rule {name}", rule["expr"]!.ToString());
            }
        }
    }

    /// <summary>Panels, including those folded inside collapsed rows.</summary>
    public static IEnumerable<JsonNode> Panels(JsonNode dashboard) =>
        (dashboard["panels"]?.AsArray() ?? []).SelectMany(p => p!["type"]?.GetValue<string>() == "row"
            ? (p["panels"]?.AsArray() ?? []).Select(inner => inner!)
            : [p!]);

    /// <summary>The series selector of Grafana's <c>label_values(selector, label)</c>; null for other queries.</summary>
    public static string? LabelValuesSelector(string query)
    {
        var match = LabelValuesCall().Match(query.Trim());
        if (!match.Success)
        {
            return null;
        }

        var args = match.Groups[1].Value;
        var comma = args.LastIndexOf(',');
        return comma < 0 ? null : args[..comma].Trim();
    }

    private static string Substitute(string expr, IReadOnlyDictionary<string, string> variables, string origin) =>
        VariableReference().Replace(expr, m =>
        {
            var name = m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Success ? m.Groups["b"].Value : m.Groups["c"].Value;
            return variables.TryGetValue(name, out var value)
                ? value
                : throw new InvalidDataException($"{origin}: no value for template variable ${name} in '{expr}'");
        });

    [GeneratedRegex(@"^label_values\((.*)\)$", RegexOptions.Singleline)]
    private static partial Regex LabelValuesCall();

    // Grafana's three spellings: $name, ${name} (optionally ${name:format}) and [[name]].
    [GeneratedRegex(@"\$\{(?<a>\w+)(?::\w+)?\}|\$(?<b>\w+)|\[\[(?<c>\w+)\]\]")]
    private static partial Regex VariableReference();
}
