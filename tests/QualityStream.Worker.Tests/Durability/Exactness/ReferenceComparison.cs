using System.Text.Json.Nodes;

namespace QualityStream.Worker.Tests.Durability.Exactness;

/// <summary>
/// Issue 17's rule: whatever crashes, restarts and moves happened, what users see equals what one worker that never
/// stopped shows. Collects every difference between a run and its reference into <see cref="Discrepancies"/>.
/// </summary>
internal static class ReferenceComparison
{
    /// <summary>
    /// Adds to <paramref name="found"/> where <paramref name="subject"/> differs from <paramref name="reference"/>;
    /// <paramref name="partitionOfBuyer"/> gives the input partition of a buyer's events, which names the stream of its cells' changes.
    /// </summary>
    public static void Compare(Discrepancies found, RunOutputs reference, RunOutputs subject, Func<string, int?> partitionOfBuyer)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(subject);
        found.Add($"snapshot of {subject.Name} against the reference's (ignoring asOf)",
            JsonDiff.Between(SnapshotView.Canonical(reference.Snapshot), SnapshotView.Canonical(subject.Snapshot)));
        found.Add($"state-change topic of {subject.Name}: seq per stream", subject.Changes.SequenceProblems());
        found.Add("state-change topic of the reference: seq per stream", reference.Changes.SequenceProblems());
        found.Add($"transitions of {subject.Name} against the reference's, by (stream, seq)", subject.Changes.DifferencesFrom(reference.Changes));
        found.Add($"stream names on the state-change topic of {subject.Name}", subject.Changes.StreamNameProblems(partitionOfBuyer));
        found.Add($"snapshot 'streams' of {subject.Name} against its state-change topic", StreamsProblems(subject));
        found.Add($"notices of {subject.Name}: each noticeId once", subject.Notices.Repeats());
        found.Add($"notices of {subject.Name} against the reference's", subject.Notices.DifferencesFrom(reference.Notices));
    }

    /// <summary>The snapshot's <c>streams</c> (stream → last seq) must name the last seq of every stream on the topic.</summary>
    public static List<string> StreamsProblems(RunOutputs run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Snapshot["streams"] is not JsonObject streams)
        {
            return ["the snapshot has no 'streams' object (stream name → last seq)"];
        }

        var problems = new List<string>();
        foreach (var (stream, last) in run.Changes.LastSeqs.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var shown = streams[stream] is { } seq ? (long)seq : 0;
            if (shown != last)
            {
                problems.Add($"stream '{stream}': the snapshot says {shown}, the topic's last seq is {last}");
            }
        }

        return problems;
    }
}
