using QualityStream.Simulator.People;

namespace QualityStream.Simulator.Output;

internal sealed record DeliveryFields(
    string EventId,
    string LeadId,
    string BuyerId,
    string SourceId,
    string Vertical,
    DateTimeOffset DeliveredAt,
    decimal Price,
    SimConsumer Consumer);
