using QualityStream.Core.Events;

namespace QualityStream.Worker.Pipeline;

/// <summary>
/// What became of one consumed message; a rejected message carries the dead-letter reason and a human-readable detail.
/// <see cref="Label"/> is its <c>qualitystream_events_total</c> outcome.
/// </summary>
public readonly record struct ProcessResult(EventOutcome Outcome, RejectionReason? Reason = null, string? Detail = null)
{
    /// <summary>The <c>outcome</c> label: <c>applied</c>, <c>duplicate_event</c>, <c>held</c> or the dead-letter reason.</summary>
    public string Label => Outcome switch
    {
        EventOutcome.Applied => "applied",
        EventOutcome.DuplicateEvent => "duplicate_event",
        EventOutcome.Held => "held",
        _ => Reason!.Value.Code(),
    };

    /// <summary>Held feedback this delivery released and applied: counted as applied on the feedback topic.</summary>
    public int ReleasedFeedback { get; init; }

    /// <summary>
    /// The event was applied again by a restored task's replay, and what it did was sent before the restore (counted,
    /// and dead-lettered if it was rejected): nothing to count or send again.
    /// </summary>
    public bool Replayed { get; init; }

    /// <summary>The stream of the task that applied it.</summary>
    public string Stream { get; init; } = "";

    /// <summary>How far that task had read once it had applied it.</summary>
    public InputPosition Position { get; init; }

    public static readonly ProcessResult Applied = new(EventOutcome.Applied);
    public static readonly ProcessResult DuplicateEvent = new(EventOutcome.DuplicateEvent);
    public static readonly ProcessResult Held = new(EventOutcome.Held);

    public bool IsRejected => Outcome == EventOutcome.Rejected;

    public static ProcessResult Rejected(RejectionReason reason, string detail) => new(EventOutcome.Rejected, reason, detail);
}
