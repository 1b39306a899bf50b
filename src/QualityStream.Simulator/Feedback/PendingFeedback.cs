namespace QualityStream.Simulator.Feedback;

/// <summary>Feedback planned at delivery, emitted once the clock reaches <see cref="At"/>. Code is the outcome or reason.</summary>
internal sealed record PendingFeedback(DateTimeOffset At, string LeadId, string BuyerId, FeedbackKind Kind, string? Code);
