using QualityStream.Core.Events;

namespace QualityStream.Worker.Pipeline;

/// <summary>
/// What became of one consumed message. <see cref="Outcome"/> is the <c>qualitystream_events_total</c> label;
/// a rejected message carries the dead-letter reason and a human-readable detail.
/// </summary>
public readonly record struct ProcessResult(string Outcome, RejectionReason? Reason = null, string? Detail = null)
{
    /// <summary>Held feedback this delivery released and applied: counted as applied on the feedback topic.</summary>
    public int ReleasedFeedback { get; init; }

    public static readonly ProcessResult Applied = new("applied");
    public static readonly ProcessResult DuplicateEvent = new("duplicate_event");

    /// <summary>Held until its lead arrives (or the grace period ends); counted when it is settled.</summary>
    public static readonly ProcessResult Held = new("held");

    public bool IsRejected => Reason is not null;

    public static ProcessResult Rejected(RejectionReason reason, string detail) => new(reason.Code(), reason, detail);
}
