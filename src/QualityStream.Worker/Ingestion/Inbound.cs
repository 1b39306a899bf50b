using Confluent.Kafka;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Ingestion;

/// <summary>A consumed message, prepared by the reader, on its way through a <see cref="PartitionPair"/> on the applier.</summary>
internal sealed class Inbound(ConsumeResult<byte[], byte[]> message, bool isDelivery, long arrival, long arrivedMs)
{
    public ConsumeResult<byte[], byte[]> Message { get; } = message;

    public bool IsDelivery { get; } = isDelivery;

    /// <summary>Position in the order messages left the consumer (monotonic per ingestion loop).</summary>
    public long Arrival { get; } = arrival;

    /// <summary>When it was consumed (the loop's clock).</summary>
    public long ArrivedMs { get; } = arrivedMs;

    /// <summary>Since when it waits alone for the other topic of its pair; null until it first does.</summary>
    public long? WaitingSinceMs { get; set; }

    public long TimestampMs => Message.Message.Timestamp.UnixTimestampMs;

    public PreparedEvent Prepared { get; set; }

    /// <summary>Set instead of <see cref="Prepared"/> if preparing threw: rethrown where the message is processed.</summary>
    public Exception? Failure { get; set; }
}
