namespace QualityStream.Worker.Ingestion;

/// <summary>
/// The same-numbered partitions of the two input topics, merged in timestamp order (as a Kafka Streams task does), so a
/// backlog never lets feedback overtake the deliveries it refers to. A head waits for the other side at most the idle
/// time, and less when the other side is known to be at its end. For a feedback head that end must have been seen after
/// the feedback arrived: an older end says nothing about deliveries written since, and feedback fetched now may refer
/// to one not fetched yet. A delivery head only needs the feedback side to be at its end now, as feedback overtaken by
/// a later delivery still finds its own lead. While the other side is known to have unread messages (a backlog), the
/// idle time does not run (the consume loop restarts <see cref="Inbound.WaitingSinceMs"/>), as in Kafka Streams.
/// </summary>
internal sealed class PartitionPair
{
    private readonly Queue<Inbound> _deliveries = new();
    private readonly Queue<Inbound> _feedback = new();
    private long _deliveriesEndArrival = -1;
    private long _feedbackEndArrival = -1;
    private long _lastFeedbackArrival = -1;

    public int Count => _deliveries.Count + _feedback.Count;

    public void Enqueue(Inbound message)
    {
        if (message.IsDelivery)
        {
            _deliveries.Enqueue(message);
        }
        else
        {
            _feedback.Enqueue(message);
            _lastFeedbackArrival = message.Arrival;
        }
    }

    /// <summary>Records that one side was read to its end when the message numbered <paramref name="arrival"/> would have come.</summary>
    public void ReachedEnd(bool deliveries, long arrival)
    {
        if (deliveries)
        {
            _deliveriesEndArrival = arrival;
        }
        else
        {
            _feedbackEndArrival = arrival;
        }
    }

    /// <summary>
    /// The next message in merge order, or null when the head must still wait: for the other topic, or for
    /// <see cref="DecodeAhead"/> to finish its batch (<paramref name="preparedThrough"/>).
    /// </summary>
    public Inbound? Next(long nowMs, long maxIdleMs, long preparedThrough)
    {
        var head = Head(nowMs, maxIdleMs);
        if (head is null || head.Batch > preparedThrough)
        {
            return null;
        }

        return (head.IsDelivery ? _deliveries : _feedback).Dequeue();
    }

    /// <summary>The head waiting for the other side, if any, and whether that side is the deliveries topic.</summary>
    public Inbound? Waiting(out bool forDeliveries)
    {
        forDeliveries = _deliveries.Count == 0;
        return _deliveries.Count == 0 ^ _feedback.Count == 0 ? (forDeliveries ? _feedback : _deliveries).Peek() : null;
    }

    private Inbound? Head(long nowMs, long maxIdleMs)
    {
        if (_deliveries.TryPeek(out var d) && _feedback.TryPeek(out var f))
        {
            // Ties go to the delivery: feedback about a lead delivered in the same millisecond must find it.
            return f.TimestampMs < d.TimestampMs ? f : d;
        }

        if (_deliveries.TryPeek(out d))
        {
            return _feedbackEndArrival > _lastFeedbackArrival || nowMs - d.WaitingSinceMs >= maxIdleMs ? d : null;
        }

        if (_feedback.TryPeek(out f))
        {
            return _deliveriesEndArrival > f.Arrival || nowMs - f.WaitingSinceMs >= maxIdleMs ? f : null;
        }

        return null;
    }

    public void Clear()
    {
        _deliveries.Clear();
        _feedback.Clear();
    }
}
