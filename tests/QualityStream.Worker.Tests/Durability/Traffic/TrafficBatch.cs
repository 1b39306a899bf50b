namespace QualityStream.Worker.Tests.Durability.Traffic;

/// <summary>
/// The events of one second, in timestamp order: the second's deliveries in its first half, its feedback in the second
/// half. It goes out once <see cref="DueAt"/> (the second's end) has passed, so no event is dated ahead of the clock.
/// </summary>
internal sealed record TrafficBatch(DateTimeOffset DueAt, IReadOnlyList<PlannedEvent> Events);
