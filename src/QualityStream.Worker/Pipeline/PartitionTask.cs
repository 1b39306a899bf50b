using QualityStream.Core.Engine;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;

namespace QualityStream.Worker.Pipeline;

/// <summary>
/// The state of one pair of same-numbered input partitions (<c>lead-deliveries[p]</c> + <c>buyer-feedback[p]</c>): a
/// buyer's events all land in one partition, so its cells, leads, duplicate memory, held feedback and notices are this
/// task's alone, and the task can move to another worker with its state. It knows how far it has read each side, and,
/// after a restore, which of its outputs users have already seen (<see cref="Replay"/>).
/// </summary>
public sealed class PartitionTask(int partition, QualityEngine engine, NoticeLedger notices, long nextDelivery, long nextFeedback)
{
    public int Partition { get; } = partition;

    public string Stream => Engine.Stream;

    public QualityEngine Engine { get; } = engine;

    public NoticeLedger Notices { get; } = notices;

    /// <summary>The offset of the next delivery to apply: every one before it is in the state.</summary>
    public long NextDelivery { get; private set; } = nextDelivery;

    /// <summary>The offset of the next feedback to apply.</summary>
    public long NextFeedback { get; private set; } = nextFeedback;

    /// <summary>What a restored task's replay must not send again; null once the replay has passed all of it.</summary>
    public ReplayedOutputs? Replay { get; set; }

    public InputPosition Position => new(Partition, NextDelivery, NextFeedback);

    /// <summary>Records that the event at <paramref name="offset"/> of one side is now in the state.</summary>
    public void Applied(bool delivery, long offset)
    {
        if (delivery)
        {
            NextDelivery = Math.Max(NextDelivery, offset + 1);
        }
        else
        {
            NextFeedback = Math.Max(NextFeedback, offset + 1);
        }
    }

    /// <summary>Whether <paramref name="change"/>, just made by the replay, was already sent before the restore.</summary>
    public bool AlreadySent(QualityStateChanged change) => Replay is { } replay && change.Seq <= replay.LastSeq;

    public bool AlreadySent(BuyerNotice notice) => Replay is { } replay && replay.NoticeIds.Contains(notice.NoticeId);
}
