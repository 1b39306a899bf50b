namespace QualityStream.Worker.Ingestion;

/// <summary>
/// The same-numbered partitions of the two input topics, merged in timestamp order (as a Kafka Streams task does), so a
/// backlog never lets feedback overtake the deliveries it refers to. A head waits for the other side at most the idle
/// time, and less when the other side is known to be at its end. For a feedback head that end must have been seen after
/// the feedback arrived: an older end says nothing about deliveries written since, and feedback fetched now may refer
/// to one not fetched yet. A delivery head only needs the feedback side to be at its end now, as feedback overtaken by
/// a later delivery still finds its own lead. The idle time starts when a head is first found alone (as in Kafka
/// Streams), not when it was consumed: in a backlog it may have queued behind others for longer than that. While the
/// other side is known to have unread messages, the idle time does not run either (the apply loop restarts it,
/// <see cref="IdleRunOut"/>).
/// </summary>
internal sealed class PartitionPair
{
    private readonly Queue<Inbound> _deliveries = new();
    private readonly Queue<Inbound> _feedback = new();
    private long _deliveriesEndArrival = -1;
    private long _feedbackEndArrival = -1;
    private long _lastFeedbackArrival = -1;
    private long _lastDeliveryArrival = -1;

    public int Count => _deliveries.Count + _feedback.Count;

    /// <summary>
    /// Nothing waits in the pair, and each side was read to its end after its last message came: the task's input is
    /// quiet (its time may then follow the wall clock).
    /// </summary>
    public bool IsCaughtUp => Count == 0 && _deliveriesEndArrival > _lastDeliveryArrival && _feedbackEndArrival > _lastFeedbackArrival;

    public void Enqueue(Inbound message)
    {
        if (message.IsDelivery)
        {
            _deliveries.Enqueue(message);
            _lastDeliveryArrival = message.Arrival;
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

    /// <summary>The next message in merge order, or null when the head must still wait for the other topic.</summary>
    public Inbound? Next(long nowMs, long maxIdleMs)
    {
        if (Head(nowMs, maxIdleMs) is not { } head)
        {
            return null;
        }

        var side = head.IsDelivery ? _deliveries : _feedback;
        var other = head.IsDelivery ? _feedback : _deliveries;
        side.Dequeue();
        // A head that waited alone hands its wait on to the one behind it: whatever had arrived by the time that wait
        // began was waited for too, and a later arrival waits the idle time from its own arrival. Otherwise a burst of
        // feedback at a quiet moment would wait the idle time once per message.
        if (head.WaitingSinceMs is { } since && other.Count == 0 && side.TryPeek(out var next) && next.WaitingSinceMs is null)
        {
            next.WaitingSinceMs = Math.Max(since, next.ArrivedMs);
        }

        return head;
    }

    /// <summary>
    /// The head whose wait for the other side has run out, if any (<see cref="Next"/> would now let it go alone), and
    /// whether that side is the deliveries topic.
    /// </summary>
    public Inbound? IdleRunOut(long nowMs, long maxIdleMs, out bool forDeliveries) =>
        Alone(out forDeliveries) is { WaitingSinceMs: { } since } head && nowMs - since >= maxIdleMs ? head : null;

    private Inbound? Head(long nowMs, long maxIdleMs)
    {
        if (_deliveries.TryPeek(out var d) && _feedback.TryPeek(out var f))
        {
            // Ties go to the delivery: feedback about a lead delivered in the same millisecond must find it.
            return f.TimestampMs < d.TimestampMs ? f : d;
        }

        if (Alone(out _) is { } waiting)
        {
            waiting.WaitingSinceMs ??= nowMs;
            return nowMs - waiting.WaitingSinceMs >= maxIdleMs ? waiting : null;
        }

        // Alone, but the other side is at its end: nothing to wait for.
        return _deliveries.Count > 0 ? _deliveries.Peek() : _feedback.Count > 0 ? _feedback.Peek() : null;
    }

    /// <summary>The head alone in its pair while the other side is not known to be at its end.</summary>
    private Inbound? Alone(out bool forDeliveries)
    {
        forDeliveries = _deliveries.Count == 0;
        if (forDeliveries == (_feedback.Count == 0))
        {
            return null;
        }

        var head = forDeliveries ? _feedback.Peek() : _deliveries.Peek();
        var otherAtEnd = forDeliveries ? _deliveriesEndArrival > head.Arrival : _feedbackEndArrival > _lastFeedbackArrival;
        return otherAtEnd ? null : head;
    }

    public void Clear()
    {
        _deliveries.Clear();
        _feedback.Clear();
    }
}
