using System.Text.Json;
using System.Text.Json.Nodes;

namespace QualityStream.Deploy.Tests;

/// <summary>
/// A strict checker for a small subset of JSON Schema: type, properties, additionalProperties (false by default:
/// an unknown field is an error), required, items, enum and local $ref. Enough for the few CRD fields we use.
/// </summary>
public sealed class MiniSchema(JsonObject root)
{
    public static MiniSchema Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path} is empty"));

    public IReadOnlyList<string> Validate(JsonNode? value)
    {
        var errors = new List<string>();
        Check(root, value, "$", errors);
        return errors;
    }

    private void Check(JsonObject schema, JsonNode? value, string path, List<string> errors)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            Check(Resolve(reference), value, path, errors);
            return;
        }

        if (schema["type"] is { } type && !TypeMatches(type, value))
        {
            errors.Add($"{path}: expected {type.ToJsonString()}, got {Describe(value)}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        if (value is JsonObject obj)
        {
            CheckObject(schema, obj, path, errors);
        }
        else if (value is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(items, array[i], $"{path}[{i}]", errors);
            }
        }
    }

    private void CheckObject(JsonObject schema, JsonObject obj, string path, List<string> errors)
    {
        var properties = schema["properties"]?.AsObject();
        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            var name = required!.GetValue<string>();
            if (!obj.ContainsKey(name))
            {
                errors.Add($"{path}: missing required field '{name}'");
            }
        }

        foreach (var (name, child) in obj)
        {
            if (properties?[name] is JsonObject known)
            {
                Check(known, child, $"{path}.{name}", errors);
            }
            else if (schema["additionalProperties"] is JsonObject extra)
            {
                Check(extra, child, $"{path}.{name}", errors);
            }
            else if (schema["additionalProperties"]?.GetValue<bool>() != true)
            {
                errors.Add($"{path}: unknown field '{name}'");
            }
        }
    }

    private JsonObject Resolve(string reference)
    {
        const string prefix = "#/definitions/";
        return reference.StartsWith(prefix, StringComparison.Ordinal) && root["definitions"]?[reference[prefix.Length..]] is JsonObject target
            ? target
            : throw new InvalidDataException($"Unresolvable $ref {reference}");
    }

    private static bool TypeMatches(JsonNode type, JsonNode? value) => type is JsonArray any
        ? any.Any(t => TypeMatches(t!, value))
        : type.GetValue<string>() switch
        {
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            "null" => value is null,
            "string" => value?.GetValueKind() == JsonValueKind.String,
            "boolean" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => value?.GetValueKind() == JsonValueKind.Number,
            "integer" => value?.GetValueKind() == JsonValueKind.Number && IsWhole(value),
            var other => throw new InvalidDataException($"Unsupported schema type {other}"),
        };

    private static bool IsWhole(JsonNode value) => value.AsValue().TryGetValue<long>(out _) || double.IsInteger(value.GetValue<double>());

    private static string Describe(JsonNode? value) => value is null ? "null" : value.GetValueKind().ToString().ToLowerInvariant();
}
