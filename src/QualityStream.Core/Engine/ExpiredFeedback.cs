using QualityStream.Core.Events;

namespace QualityStream.Core.Engine;

/// <summary>
/// Held feedback that was finally rejected (its lead never came within the grace period, or came for another buyer).
/// <see cref="Tag"/> is whatever the caller passed with the feedback (e.g. the Kafka message, for the dead letter).
/// </summary>
public sealed record ExpiredFeedback(BuyerFeedback Feedback, object? Tag, RejectionReason Reason, string Detail);
