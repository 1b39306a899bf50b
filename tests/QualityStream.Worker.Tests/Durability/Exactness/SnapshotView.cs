using System.Text.Json.Nodes;

namespace QualityStream.Worker.Tests.Durability.Exactness;

/// <summary>
/// A snapshot as a user compares two: cells by their identity (scope, buyer, source, window) and incidents by id, in no
/// particular order, without <c>asOf</c> (when it was taken). Everything else stays: every metric's rate, numerator,
/// denominator, state and threshold, the returns breakdown, the incidents, <c>seq</c> and <c>streams</c>.
/// </summary>
internal static class SnapshotView
{
    public static JsonObject Canonical(JsonObject snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var view = new JsonObject();
        foreach (var (key, value) in snapshot.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            switch (key)
            {
                case "asOf":
                    break;
                case "cells":
                    view[key] = Keyed(value!.AsArray(), CellKey);
                    break;
                case "incidents":
                    view[key] = Keyed(value!.AsArray(), i => (string?)i["incidentId"] ?? "?");
                    break;
                default:
                    view[key] = value?.DeepClone();
                    break;
            }
        }

        return view;
    }

    public static string CellKey(JsonNode cell) =>
        $"{(string?)cell["scope"]}|{(string?)cell["buyerId"] ?? "-"}|{(string?)cell["sourceId"] ?? "-"}|{(string?)cell["window"]}";

    /// <summary>The cell of <paramref name="key"/> (<see cref="CellKey"/>), or null.</summary>
    public static JsonNode? Cell(JsonObject snapshot, string key) =>
        snapshot["cells"]!.AsArray().FirstOrDefault(c => CellKey(c!) == key);

    private static JsonObject Keyed(JsonArray items, Func<JsonNode, string> key)
    {
        var keyed = new JsonObject();
        foreach (var item in items.OrderBy(i => key(i!), StringComparer.Ordinal))
        {
            var k = key(item!);
            // Two items with one identity would be a defect of its own: keep both so the diff shows it.
            keyed[keyed.ContainsKey(k) ? $"{k} (again)" : k] = item!.DeepClone();
        }

        return keyed;
    }
}
