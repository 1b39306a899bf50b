using System.Text.Json.Nodes;

namespace QualityStream.Deploy.Tests.Live;

/// <summary>
/// Prometheus' answer to an instant query: whether it parsed and evaluated ("success"), the error if not, and the
/// result (a vector's series, or one element for a scalar or string).
/// </summary>
public sealed record PromAnswer(string Status, string? Error, string? ResultType, IReadOnlyList<JsonNode> Result)
{
    public bool Succeeded => Status == "success";

    public bool IsEmpty => Result.Count == 0;

    public static PromAnswer Parse(string json)
    {
        var root = JsonNode.Parse(json)!;
        var data = root["data"];
        var result = data?["result"] switch
        {
            JsonArray array when data["resultType"]?.GetValue<string>() is "vector" or "matrix" => [.. array.Select(n => n!)],
            JsonNode scalar => [scalar],
            null => Array.Empty<JsonNode>(),
        };
        return new(root["status"]!.GetValue<string>(), root["error"]?.GetValue<string>(), data?["resultType"]?.GetValue<string>(), result);
    }

    /// <summary>The label values of the vector's series for <paramref name="label"/>, in result order.</summary>
    public IEnumerable<string> Labels(string label) =>
        Result.Select(s => s["metric"]?[label]?.GetValue<string>()).OfType<string>();

    /// <summary>The sample values of a vector's series.</summary>
    public IEnumerable<string> Values() => Result.Select(s => s["value"]?[1]?.GetValue<string>() ?? "");

    public override string ToString() => Succeeded ? $"{ResultType}, {Result.Count} series" : $"{Status}: {Error}";
}
