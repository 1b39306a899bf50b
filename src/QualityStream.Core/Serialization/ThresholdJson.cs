using System.Text.Json;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Serialization;

/// <summary>The threshold JSON of docs/contract.md §4, as stored in the Redis hashes and sent to the admin API.</summary>
public static class ThresholdJson
{
    /// <summary>
    /// Parses and validates. Every field is required and spelled camelCase; unknown or repeated fields are rejected
    /// so a typo in an admin request is reported instead of silently ignored.
    /// </summary>
    public static bool TryParse(
        Metric metric,
        string? json,
        IReadOnlyCollection<string> windows,
        out Threshold? threshold,
        out IReadOnlyList<ThresholdError> errors)
    {
        threshold = null;
        var list = new List<ThresholdError>();
        errors = list;
        if (string.IsNullOrWhiteSpace(json))
        {
            list.Add(new("json", "is empty; expected an object with " + string.Join(", ", ThresholdJsonReader.Fields)));
            return false;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            list.Add(new("json", $"is malformed: {e.Message}"));
            return false;
        }

        using (doc)
        {
            var parsed = ThresholdJsonReader.Read(doc.RootElement, list);
            if (parsed is null)
            {
                return false;
            }

            list.AddRange(ThresholdValidator.Validate(metric, parsed, windows));
            threshold = list.Count == 0 ? parsed : null;
            return list.Count == 0;
        }
    }

    /// <summary>Compact JSON with the contract's field names, e.g. <c>{"window":"1h","warn":0.7,...}</c>.</summary>
    public static string Write(Threshold threshold) =>
        JsonSerializer.Serialize(threshold, QualityJsonContext.Default.Threshold);
}
