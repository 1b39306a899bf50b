using System.Text.RegularExpressions;
using k8s;
using YamlDotNet.Core;

namespace QualityStream.Deploy.Tests;

/// <summary>
/// Strict checks of rendered manifests. Built-in kinds: KubernetesClient's models with its strict YAML
/// deserializer (an unknown field anywhere throws). CRDs: the committed minimal schemas in Schemas/.
/// A kind with neither is an error, so nothing goes unchecked.
/// </summary>
public static partial class StrictManifests
{
    private static readonly Dictionary<string, string> CrdSchemas = new(StringComparer.Ordinal)
    {
        ["monitoring.coreos.com/v1/ServiceMonitor"] = "servicemonitor.schema.json",
        ["monitoring.coreos.com/v1/PrometheusRule"] = "prometheusrule.schema.json",
        ["keda.sh/v1alpha1/ScaledObject"] = "scaledobject.schema.json",
        ["keda.sh/v1alpha1/TriggerAuthentication"] = "triggerauthentication.schema.json",
    };

    /// <summary>Splits a multi-document stream (as `kubectl kustomize` prints it) into documents.</summary>
    public static IReadOnlyList<string> Split(string yaml) =>
        [.. DocumentSeparator().Split(yaml).Where(d => !string.IsNullOrWhiteSpace(d))];

    /// <summary>The problems of one manifest; empty when it passes.</summary>
    public static IReadOnlyList<string> Check(string document)
    {
        var node = YamlToJson.Documents(document).Single()?.AsObject() ?? throw new InvalidDataException("empty manifest");
        var key = $"{node["apiVersion"]}/{node["kind"]}";
        var name = $"{key} {node["metadata"]?["name"]}";
        if (CrdSchemas.TryGetValue(key, out var schemaFile))
        {
            var schema = MiniSchema.Load(Path.Combine(AppContext.BaseDirectory, "Schemas", schemaFile));
            return [.. schema.Validate(node).Select(e => $"{name}: {e}")];
        }

        try
        {
            KubernetesYaml.LoadAllFromString(document, typeMap: null, strict: true);
            return [];
        }
        catch (YamlException e)
        {
            return [$"{name}: {e.Message}"];
        }
        catch (KeyNotFoundException)
        {
            return [$"{name}: no model or schema for this kind; add one to {nameof(StrictManifests)}"];
        }
    }

    public static string Kind(string document) => YamlToJson.Documents(document).Single()?["kind"]?.GetValue<string>() ?? "";

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}
