namespace QualityStream.Core.Events;

/// <summary>
/// Feedback from a buyer about a lead (topic <c>buyer-feedback</c>).
/// <see cref="Outcome"/> is set for contact attempts, <see cref="Reason"/> for returns.
/// </summary>
public sealed record BuyerFeedback(
    string EventId,
    string LeadId,
    string BuyerId,
    FeedbackType Type,
    DateTimeOffset OccurredAt,
    ContactOutcome? Outcome = null,
    ReturnReason? Reason = null);
