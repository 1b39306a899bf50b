using System.Text.Json.Nodes;

namespace QualityStream.Worker.Tests.Durability.Exactness;

/// <summary>Where two JSON documents differ, one line per leaf: <c>path: reference X, got Y</c>.</summary>
internal static class JsonDiff
{
    public static List<string> Between(JsonNode? reference, JsonNode? subject, string path = "$")
    {
        var differences = new List<string>();
        Walk(reference, subject, path, differences);
        return differences;
    }

    private static void Walk(JsonNode? reference, JsonNode? subject, string path, List<string> differences)
    {
        switch (reference, subject)
        {
            case (JsonObject r, JsonObject s):
                foreach (var key in r.Select(p => p.Key).Union(s.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    var child = $"{path}.{key}";
                    if (!s.ContainsKey(key))
                    {
                        differences.Add($"{child}: reference {Text(r[key])}, missing");
                    }
                    else if (!r.ContainsKey(key))
                    {
                        differences.Add($"{child}: not in the reference, got {Text(s[key])}");
                    }
                    else
                    {
                        Walk(r[key], s[key], child, differences);
                    }
                }

                break;
            case (JsonArray r, JsonArray s):
                for (var i = 0; i < Math.Max(r.Count, s.Count); i++)
                {
                    Walk(i < r.Count ? r[i] : null, i < s.Count ? s[i] : null, $"{path}[{i}]", differences);
                }

                break;
            default:
                if (Text(reference) != Text(subject))
                {
                    differences.Add($"{path}: reference {Text(reference)}, got {Text(subject)}");
                }

                break;
        }
    }

    private static string Text(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 160 ? text : text[..160] + "…";
    }
}
