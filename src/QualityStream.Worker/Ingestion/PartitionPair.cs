using Confluent.Kafka;

namespace QualityStream.Worker.Ingestion;

/// <summary>
/// The same-numbered partitions of the two input topics, merged in timestamp order (as a Kafka Streams task does), so a
/// backlog never lets feedback overtake the deliveries it refers to. A head waits for the other side at most the idle
/// time, and not at all when the other side has reached its end.
/// </summary>
internal sealed class PartitionPair
{
    private readonly Queue<(ConsumeResult<byte[], byte[]> Message, long EnqueuedMs)> _deliveries = new();
    private readonly Queue<(ConsumeResult<byte[], byte[]> Message, long EnqueuedMs)> _feedback = new();

    public bool DeliveriesAtEnd { get; set; }

    public bool FeedbackAtEnd { get; set; }

    public int Count => _deliveries.Count + _feedback.Count;

    public void Enqueue(ConsumeResult<byte[], byte[]> message, bool isDelivery, long nowMs)
    {
        (isDelivery ? _deliveries : _feedback).Enqueue((message, nowMs));
        if (isDelivery)
        {
            DeliveriesAtEnd = false;
        }
        else
        {
            FeedbackAtEnd = false;
        }
    }

    /// <summary>The next message to process, or null when the head must still wait for the other topic.</summary>
    public ConsumeResult<byte[], byte[]>? Next(long nowMs, long maxIdleMs)
    {
        if (_deliveries.TryPeek(out var d) && _feedback.TryPeek(out var f))
        {
            // Ties go to the delivery: feedback about a lead delivered in the same millisecond must find it.
            return f.Message.Message.Timestamp.UnixTimestampMs < d.Message.Message.Timestamp.UnixTimestampMs
                ? _feedback.Dequeue().Message
                : _deliveries.Dequeue().Message;
        }

        if (_deliveries.TryPeek(out d))
        {
            return FeedbackAtEnd || nowMs - d.EnqueuedMs >= maxIdleMs ? _deliveries.Dequeue().Message : null;
        }

        if (_feedback.TryPeek(out f))
        {
            return DeliveriesAtEnd || nowMs - f.EnqueuedMs >= maxIdleMs ? _feedback.Dequeue().Message : null;
        }

        return null;
    }

    public void Clear()
    {
        _deliveries.Clear();
        _feedback.Clear();
    }
}
