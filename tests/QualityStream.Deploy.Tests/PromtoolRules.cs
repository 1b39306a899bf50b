using System.Text.Json;

namespace QualityStream.Deploy.Tests;

/// <summary>Proves expressions parse: each becomes a recording rule in a temporary file that `promtool check rules` reads.</summary>
public static class PromtoolRules
{
    public static ToolResult Check(string promtool, IReadOnlyList<PromQlExpression> expressions)
    {
        var path = Path.Combine(Path.GetTempPath(), $"qs-expressions-{Guid.NewGuid():N}.yml");
        try
        {
            // JSON strings are valid YAML scalars, so any expression text is quoted safely.
            var rules = expressions.Select((e, i) => $"      - record: qs_check:expr_{i}\n        expr: {JsonSerializer.Serialize(e.Expr)}\n");
            File.WriteAllText(path, "groups:\n  - name: dashboards-and-rules\n    rules:\n" + string.Concat(rules));
            return ExternalTool.Run(promtool, "check", "rules", path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
