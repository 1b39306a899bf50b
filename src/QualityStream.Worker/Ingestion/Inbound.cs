using Confluent.Kafka;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Ingestion;

/// <summary>A consumed message, prepared by the reader, on its way through a <see cref="PartitionPair"/> on the applier.</summary>
/// <remarks>
/// What the applier needs of the consume result is copied here by the reader, which has it in its cache: the applier
/// runs on the other core, where each object of the result would be one more cache miss an event.
/// </remarks>
internal sealed class Inbound(ConsumeResult<byte[], byte[]> message, bool isDelivery, long arrival, long arrivedMs)
{
    public ConsumeResult<byte[], byte[]> Message { get; } = message;

    public bool IsDelivery { get; } = isDelivery;

    public int Partition { get; } = message.Partition.Value;

    public long Offset { get; } = message.Offset.Value;

    public bool IsPartitionEof { get; } = message.IsPartitionEOF;

    /// <summary>The timestamp the pair merge orders by (Unix ms, as Kafka reports it).</summary>
    public long TimestampMs { get; } = message.Message?.Timestamp.UnixTimestampMs ?? 0;

    /// <summary>Whether the message carries a timestamp at all (then <see cref="TimestampMs"/> is when it was produced).</summary>
    public bool HasTimestamp { get; } = message.Message is { Timestamp.Type: not TimestampType.NotAvailable };

    /// <summary>Position in the order messages left the consumer (monotonic per ingestion loop).</summary>
    public long Arrival { get; } = arrival;

    /// <summary>When it was consumed (the loop's clock).</summary>
    public long ArrivedMs { get; } = arrivedMs;

    /// <summary>Since when it waits alone for the other topic of its pair; null until it first does.</summary>
    public long? WaitingSinceMs { get; set; }

    public PreparedEvent Prepared { get; set; }
}
