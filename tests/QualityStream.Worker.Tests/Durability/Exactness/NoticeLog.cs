using System.Text.Json.Nodes;
using QualityStream.Worker.Tests.Durability.Harness;

namespace QualityStream.Worker.Tests.Durability.Exactness;

/// <summary>The notices topic as buyers receive it: each notice (by <c>noticeId</c>) once.</summary>
internal sealed class NoticeLog
{
    private NoticeLog(List<JsonObject> notices) => Notices = notices;

    public IReadOnlyList<JsonObject> Notices { get; }

    public static NoticeLog Of(IEnumerable<TopicRecord> records) => new([.. records.Select(r => JsonNode.Parse(r.Value)!.AsObject())]);

    public List<string> Repeats() =>
        [.. Notices.GroupBy(Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} sent {g.Count()} times")];

    /// <summary>
    /// Where these notices differ from <paramref name="reference"/>'s: the same ids, each with the same content except
    /// <c>at</c>, which is when the worker sent it (wall-clock time, so a worker that was down sends later).
    /// </summary>
    public List<string> DifferencesFrom(NoticeLog reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var mine = Notices.GroupBy(Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var theirs = reference.Notices.GroupBy(Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var differences = new List<string>();
        foreach (var id in theirs.Keys.Union(mine.Keys).Order(StringComparer.Ordinal))
        {
            if (!mine.TryGetValue(id, out var got))
            {
                differences.Add($"{id} never sent; the reference sent {theirs[id].ToJsonString()}");
            }
            else if (!theirs.TryGetValue(id, out var expected))
            {
                differences.Add($"{id} not sent by the reference: {got.ToJsonString()}");
            }
            else if (JsonDiff.Between(WithoutAt(expected), WithoutAt(got), id) is { Count: > 0 } fields)
            {
                differences.Add(string.Join("; ", fields));
            }
        }

        return differences;
    }

    private static string Id(JsonObject notice) => (string?)notice["noticeId"] ?? "(no noticeId)";

    private static JsonObject WithoutAt(JsonObject notice)
    {
        var copy = notice.DeepClone().AsObject();
        copy.Remove("at");
        return copy;
    }
}
