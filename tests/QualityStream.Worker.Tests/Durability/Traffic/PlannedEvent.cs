namespace QualityStream.Worker.Tests.Durability.Traffic;

/// <summary>One input record: which topic, its key (the buyer), its contract JSON and its Kafka timestamp.</summary>
internal sealed record PlannedEvent(bool IsDelivery, string BuyerId, string Json, DateTimeOffset Timestamp);
