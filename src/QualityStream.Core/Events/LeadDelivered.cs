namespace QualityStream.Core.Events;

/// <summary>A lead sent to a buyer from a traffic source (topic <c>lead-deliveries</c>).</summary>
public sealed record LeadDelivered(
    string EventId,
    string LeadId,
    string BuyerId,
    string SourceId,
    string Vertical,
    DateTimeOffset DeliveredAt,
    decimal? Price,
    Consumer Consumer);
