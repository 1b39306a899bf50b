using System.Text.Json;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Serialization;

/// <summary>Field-by-field reading of threshold JSON; each problem becomes an error naming the field.</summary>
internal static class ThresholdJsonReader
{
    public static readonly string[] Fields = ["window", "warn", "breach", "clear", "minSample", "pendingSeconds", "confidence"];

    /// <summary>Optional: thresholds stored before the field existed keep working, with the default confidence.</summary>
    private static readonly string[] Optional = ["confidence"];

    public static Threshold? Read(JsonElement root, List<ThresholdError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("json", $"must be a JSON object; got {Kind(root.ValueKind)}"));
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (Array.IndexOf(Fields, property.Name) < 0)
            {
                errors.Add(new(property.Name, $"is not a threshold field; expected only {string.Join(", ", Fields)}"));
            }
            else if (!seen.Add(property.Name))
            {
                errors.Add(new(property.Name, "appears more than once"));
            }
        }

        foreach (var field in Fields.Where(f => !seen.Contains(f) && Array.IndexOf(Optional, f) < 0))
        {
            errors.Add(new(field, "is required"));
        }

        var window = String(root, "window", errors);
        var warn = Number(root, "warn", errors);
        var breach = Number(root, "breach", errors);
        var clear = Number(root, "clear", errors);
        var minSample = Integer(root, "minSample", errors);
        var pendingSeconds = Integer(root, "pendingSeconds", errors);
        var confidence = seen.Contains("confidence") ? Number(root, "confidence", errors) : ThresholdDefaults.Confidence;
        return errors.Count == 0 ? new Threshold(window!, warn, breach, clear, minSample, pendingSeconds, confidence) : null;
    }

    private static string? String(JsonElement root, string field, List<ThresholdError> errors)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors.Add(new(field, $"must be a string; got {Kind(value.ValueKind)}"));
        return null;
    }

    private static double Number(JsonElement root, string field, List<ThresholdError> errors)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            return double.NaN;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        errors.Add(new(field, value.ValueKind == JsonValueKind.Number
            ? $"must be a finite number in [0, 1]; got {value.GetRawText()}"
            : $"must be a number in [0, 1]; got {Kind(value.ValueKind)}"));
        return double.NaN;
    }

    private static int Integer(JsonElement root, string field, List<ThresholdError> errors)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        errors.Add(new(field, value.ValueKind == JsonValueKind.Number
            ? $"must be a whole number (32-bit); got {value.GetRawText()}"
            : $"must be a whole number; got {Kind(value.ValueKind)}"));
        return 0;
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
