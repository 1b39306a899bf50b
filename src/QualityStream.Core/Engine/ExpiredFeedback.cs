using QualityStream.Core.Events;

namespace QualityStream.Core.Engine;

/// <summary>
/// Held feedback that was finally rejected (its lead never came within the grace period, or came for another buyer),
/// with the message it came in when the caller passed one.
/// </summary>
public sealed record ExpiredFeedback(BuyerFeedback Feedback, FeedbackSource? Source, RejectionReason Reason, string Detail);
