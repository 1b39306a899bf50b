namespace QualityStream.Harness.Traffic;

/// <summary>
/// One generated record. <see cref="Value"/> is a template's reusable buffer: valid until the generator's next call,
/// which is enough because the producer copies it.
/// </summary>
public readonly record struct TrafficEvent(bool IsDelivery, int Partition, byte[] Key, byte[] Value, long TimestampMs);
