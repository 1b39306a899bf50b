namespace QualityStream.Simulator;

/// <summary>One Kafka record to produce: key is the buyerId (UTF-8), value the event JSON, timestamp the event time.</summary>
public sealed record SimulatedMessage(string Topic, string Key, byte[] Value, DateTimeOffset Timestamp);
