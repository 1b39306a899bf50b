using QualityStream.Core.Snapshots;

namespace QualityStream.Worker.Pipeline;

/// <summary>
/// What a task's outputs topics show it sent after its checkpoint, read back when it is restored: the state changes
/// (by seq), the notices and the dead letters. The replay from the checkpoint makes them again; they are not sent
/// twice. Once the replay reaches <see cref="Until"/>, the furthest input any of them was made at, it is live again.
/// </summary>
public sealed class ReplayedOutputs
{
    public List<QualityStateChanged> Changes { get; } = [];

    public HashSet<string> NoticeIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Source offsets already dead-lettered, as <c>topic@offset</c>.</summary>
    public HashSet<string> DeadLetters { get; } = new(StringComparer.Ordinal);

    public InputPosition Until { get; set; }

    /// <summary>Set when the replay made a change other than the one sent with its seq.</summary>
    public bool Diverged { get; set; }

    /// <summary>The seqs of the sent changes the replay made again exactly.</summary>
    public HashSet<long> Remade { get; } = [];

    /// <summary>Whether <paramref name="made"/> is the change sent with its seq (same cell, metric, states, incident and time).</summary>
    public bool Matches(QualityStateChanged made)
    {
        ArgumentNullException.ThrowIfNull(made);
        var index = (int)(made.Seq - Changes[0].Seq);
        return index >= 0 && index < Changes.Count && Changes[index] is var sent
            && (sent.Scope, sent.BuyerId, sent.SourceId, sent.Metric, sent.From, sent.To, sent.IncidentId, sent.At)
                == (made.Scope, made.BuyerId, made.SourceId, made.Metric, made.From, made.To, made.IncidentId, made.At);
    }

    public long LastSeq => Changes.Count == 0 ? 0 : Changes[^1].Seq;

    /// <summary>When the last change sent was made (engine time).</summary>
    public DateTimeOffset LastAt => Changes.Count == 0 ? DateTimeOffset.MinValue : Changes[^1].At;

    /// <summary>The source stage's sent changes, in seq order.</summary>
    public static ReplayedOutputs Of(IEnumerable<QualityStateChanged> sent)
    {
        var replay = new ReplayedOutputs();
        replay.Changes.AddRange(sent.OrderBy(c => c.Seq));
        return replay;
    }

    public bool IsEmpty => Changes.Count == 0 && NoticeIds.Count == 0 && DeadLetters.Count == 0;

    public static string DeadLetterKey(string topic, long offset) => $"{topic}@{offset}";
}
