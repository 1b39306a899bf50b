using System.Globalization;
using System.Text.Json.Nodes;
using QualityStream.Worker.Tests.Durability.Harness;

namespace QualityStream.Worker.Tests.Durability.Exactness;

/// <summary>
/// The state-change topic read as a board reads it: per stream (a partition task, or <c>sources</c>), a sequence
/// <c>seq</c> 1, 2, 3 … with no gap and no repeat, each change's JSON and its <c>qs-stream</c>/<c>qs-seq</c> headers
/// telling the same.
/// </summary>
internal sealed class StateChangeLog
{
    private StateChangeLog(List<(string Stream, long Seq, JsonObject Change, TopicRecord Record)> changes) => Changes = changes;

    public IReadOnlyList<(string Stream, long Seq, JsonObject Change, TopicRecord Record)> Changes { get; }

    public static StateChangeLog Of(IEnumerable<TopicRecord> records) =>
        new([.. records.Select(r =>
        {
            var change = JsonNode.Parse(r.Value)!.AsObject();
            return ((string?)change["stream"] ?? "", change["seq"] is { } seq ? (long)seq : -1, change, r);
        })]);

    /// <summary>The changes of one cell × metric, in seq order.</summary>
    public IEnumerable<JsonObject> Of((string Scope, string? BuyerId, string? SourceId, string Metric) cell) =>
        Changes.Where(c => (string?)c.Change["scope"] == cell.Scope && (string?)c.Change["buyerId"] == cell.BuyerId
                && (string?)c.Change["sourceId"] == cell.SourceId && (string?)c.Change["metric"] == cell.Metric)
            .OrderBy(c => c.Seq).Select(c => c.Change);

    /// <summary>The last seq of each stream.</summary>
    public IReadOnlyDictionary<string, long> LastSeqs =>
        Changes.GroupBy(c => c.Stream, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(c => c.Seq), StringComparer.Ordinal);

    /// <summary>Every way the topic breaks "per stream, seq is exactly 1..N, and the headers carry stream and seq".</summary>
    public List<string> SequenceProblems()
    {
        var problems = new List<string>();
        foreach (var (stream, seq, change, record) in Changes)
        {
            if (stream.Length == 0 || seq < 1)
            {
                problems.Add($"a change without a stream or seq ({Where(record)}): {change.ToJsonString()}");
            }

            if (!record.Headers.TryGetValue("qs-stream", out var headerStream) || headerStream != stream
                || !record.Headers.TryGetValue("qs-seq", out var headerSeq) || headerSeq != seq.ToString(CultureInfo.InvariantCulture))
            {
                problems.Add($"headers qs-stream={Header(record, "qs-stream")} qs-seq={Header(record, "qs-seq")} do not match stream {stream} seq {seq} ({Where(record)})");
            }
        }

        foreach (var stream in Changes.GroupBy(c => c.Stream, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var counts = stream.GroupBy(c => c.Seq).ToDictionary(g => g.Key, g => g.Count());
            var last = counts.Keys.Max();
            foreach (var (seq, count) in counts.Where(c => c.Value > 1).OrderBy(c => c.Key))
            {
                problems.Add($"stream '{stream.Key}': seq {seq} appears {count} times");
            }

            var missing = Enumerable.Range(1, (int)Math.Max(0, last)).Where(s => !counts.ContainsKey(s)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"stream '{stream.Key}': {missing.Count} seq missing below its last ({last}), first {string.Join(", ", missing.Take(5))}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Changes whose stream is not the task that owns their cell: <c>p{partition}</c> for a buyer's cells (its events'
    /// partition), <c>sources</c> for source cells.
    /// </summary>
    public List<string> StreamNameProblems(Func<string, int?> partitionOfBuyer)
    {
        ArgumentNullException.ThrowIfNull(partitionOfBuyer);
        var problems = new List<string>();
        foreach (var (stream, seq, change, _) in Changes)
        {
            var buyer = (string?)change["buyerId"];
            var expected = (string?)change["scope"] == "source" ? "sources"
                : buyer is not null && partitionOfBuyer(buyer) is { } p ? $"p{p}" : null;
            if (expected is not null && stream != expected)
            {
                problems.Add($"'{stream}' #{seq} is a change of {change["scope"]} {buyer ?? (string?)change["sourceId"]}, which belongs to stream '{expected}'");
            }
        }

        return problems;
    }

    /// <summary>
    /// Where this topic's transitions differ from <paramref name="reference"/>'s: the same (stream, seq) must carry the same
    /// change, every field of it. Nothing is left out: rate, sample and <c>at</c> come from event time and the merged input
    /// order, and the incident id from the cell and its opening time, so a run that never stopped shows the same values.
    /// </summary>
    public List<string> DifferencesFrom(StateChangeLog reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var mine = First(this);
        var theirs = First(reference);
        var differences = new List<string>();
        foreach (var key in theirs.Keys.Union(mine.Keys).Order())
        {
            var label = $"'{key.Stream}' #{key.Seq}";
            if (!mine.TryGetValue(key, out var got))
            {
                differences.Add($"{label} missing; the reference has {theirs[key].ToJsonString()}");
            }
            else if (!theirs.TryGetValue(key, out var expected))
            {
                differences.Add($"{label} not in the reference: {got.ToJsonString()}");
            }
            else if (JsonDiff.Between(expected, got, label) is { Count: > 0 } fields)
            {
                differences.Add(string.Join("; ", fields));
            }
        }

        return differences;
    }

    private static SortedDictionary<(string Stream, long Seq), JsonObject> First(StateChangeLog log)
    {
        var first = new SortedDictionary<(string Stream, long Seq), JsonObject>();
        foreach (var (stream, seq, change, _) in log.Changes)
        {
            first.TryAdd((stream, seq), change);
        }

        return first;
    }

    private static string Header(TopicRecord record, string name) => record.Headers.TryGetValue(name, out var v) ? v : "(none)";

    private static string Where(TopicRecord record) => $"partition {record.Partition} offset {record.Offset}";
}
