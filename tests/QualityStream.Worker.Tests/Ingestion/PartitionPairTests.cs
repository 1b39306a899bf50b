using Confluent.Kafka;
using QualityStream.Worker.Ingestion;

namespace QualityStream.Worker.Tests.Ingestion;

public class PartitionPairTests
{
    private const long MaxIdleMs = 50;
    private long _arrivals;

    [Fact]
    public void BothSidesBuffered_TheEarlierTimestampGoesFirst_AndTiesGoToTheDelivery()
    {
        var pair = new PartitionPair();
        pair.Enqueue(Message(delivery: false, timestampMs: 100));
        pair.Enqueue(Message(delivery: true, timestampMs: 200));
        pair.Enqueue(Message(delivery: false, timestampMs: 200));

        Assert.Equal([(false, 100L), (true, 200L)], [Describe(pair.Next(0, MaxIdleMs)), Describe(pair.Next(0, MaxIdleMs))]);
    }

    [Fact]
    public void FeedbackAlone_WaitsForTheIdleTime_WhenTheDeliveriesSideWasNotSeenAtItsEnd()
    {
        var pair = new PartitionPair();
        pair.Enqueue(Message(delivery: false, timestampMs: 100, arrivedMs: 1000));

        Assert.Null(pair.Next(1000, MaxIdleMs));
        Assert.Null(pair.Next(1000 + MaxIdleMs - 1, MaxIdleMs));
        Assert.NotNull(pair.Next(1000 + MaxIdleMs, MaxIdleMs));
    }

    [Fact]
    public void AHeadsIdleTime_StartsWhenItIsFirstFoundAlone_NotWhenItWasConsumed()
    {
        // In a backlog a message queues behind others for longer than the idle time; once the other side runs dry it
        // must still wait the idle time for that side's next fetch, not go at once.
        var pair = new PartitionPair();
        var lead = Message(delivery: true, timestampMs: 100, arrivedMs: 0);
        var feedback = Message(delivery: false, timestampMs: 200, arrivedMs: 0);
        pair.Enqueue(lead);
        pair.Enqueue(feedback);

        Assert.Same(lead, pair.Next(1000, MaxIdleMs));
        Assert.Null(pair.Next(1000, MaxIdleMs));
        Assert.Null(pair.Next(1000 + MaxIdleMs - 1, MaxIdleMs));
        Assert.Same(feedback, pair.Next(1000 + MaxIdleMs, MaxIdleMs));
    }

    [Fact]
    public void FeedbackThatArrivedTogether_WaitsTheIdleTimeOnce_NotOncePerMessage()
    {
        var pair = new PartitionPair();
        var first = Message(delivery: false, timestampMs: 100, arrivedMs: 1000);
        var second = Message(delivery: false, timestampMs: 101, arrivedMs: 1000);
        var third = Message(delivery: false, timestampMs: 102, arrivedMs: 1000);
        pair.Enqueue(first);
        pair.Enqueue(second);
        pair.Enqueue(third);

        Assert.Null(pair.Next(1000, MaxIdleMs));
        Assert.Null(pair.Next(1000 + MaxIdleMs - 1, MaxIdleMs));
        Assert.Equal([first, second, third], [pair.Next(1000 + MaxIdleMs, MaxIdleMs), pair.Next(1000 + MaxIdleMs, MaxIdleMs), pair.Next(1000 + MaxIdleMs, MaxIdleMs)]);
    }

    [Fact]
    public void FeedbackArrivingAfterAWaitBegan_WaitsTheIdleTimeFromItsOwnArrival()
    {
        var pair = new PartitionPair();
        pair.Enqueue(Message(delivery: false, timestampMs: 100, arrivedMs: 1000));
        Assert.Null(pair.Next(1000, MaxIdleMs));
        var later = Message(delivery: false, timestampMs: 130, arrivedMs: 1030);
        pair.Enqueue(later);

        Assert.NotNull(pair.Next(1000 + MaxIdleMs, MaxIdleMs));
        Assert.Null(pair.Next(1030 + MaxIdleMs - 1, MaxIdleMs));
        Assert.Same(later, pair.Next(1030 + MaxIdleMs, MaxIdleMs));
    }

    [Fact]
    public void FeedbackAlone_GoesAtOnce_WhenTheDeliveriesSideReachedItsEndAfterTheFeedbackArrived()
    {
        var pair = new PartitionPair();
        pair.Enqueue(Message(delivery: false, timestampMs: 100));
        pair.ReachedEnd(deliveries: true, _arrivals++);

        Assert.NotNull(pair.Next(0, MaxIdleMs));
    }

    [Fact]
    public void FeedbackAlone_StillWaits_WhenTheDeliveriesSideReachedItsEndOnlyBeforeTheFeedbackArrived()
    {
        // The end was seen, then a delivery and its feedback were written; the feedback was fetched first. Trusting
        // the old end would apply the feedback before its lead and orphan it in a replayed backlog.
        var pair = new PartitionPair();
        pair.ReachedEnd(deliveries: true, _arrivals++);
        pair.Enqueue(Message(delivery: false, timestampMs: 100));

        Assert.Null(pair.Next(0, MaxIdleMs));
        var lead = Message(delivery: true, timestampMs: 90);
        pair.Enqueue(lead);
        Assert.Same(lead, pair.Next(0, MaxIdleMs));
    }

    [Fact]
    public void DeliveryAlone_GoesAtOnce_WhileTheFeedbackSideIsAtItsEnd_HoweverOldThatEnd()
    {
        var pair = new PartitionPair();
        pair.ReachedEnd(deliveries: false, _arrivals++);
        pair.Enqueue(Message(delivery: true, timestampMs: 100));

        Assert.NotNull(pair.Next(0, MaxIdleMs));
    }

    [Fact]
    public void DeliveryAlone_Waits_WhenFeedbackArrivedSinceTheFeedbackSideLastReachedItsEnd()
    {
        var pair = new PartitionPair();
        pair.ReachedEnd(deliveries: false, _arrivals++);
        pair.Enqueue(Message(delivery: false, timestampMs: 50));
        pair.ReachedEnd(deliveries: true, _arrivals++);
        Assert.NotNull(pair.Next(0, MaxIdleMs));

        pair.Enqueue(Message(delivery: true, timestampMs: 100));

        Assert.Null(pair.Next(0, MaxIdleMs));
    }

    [Fact]
    public void AWaitingHead_WhoseIdleTimeIsRestarted_KeepsWaiting()
    {
        // What the apply loop does while the deliveries partition is known to have unread messages.
        var pair = new PartitionPair();
        var feedback = Message(delivery: false, timestampMs: 100, arrivedMs: 0);
        pair.Enqueue(feedback);
        Assert.Null(pair.Next(0, MaxIdleMs));

        Assert.Null(pair.IdleRunOut(MaxIdleMs - 1, MaxIdleMs, out _));
        Assert.Same(feedback, pair.IdleRunOut(MaxIdleMs, MaxIdleMs, out var forDeliveries));
        Assert.True(forDeliveries);
        feedback.WaitingSinceMs = MaxIdleMs;
        Assert.Null(pair.Next((2 * MaxIdleMs) - 1, MaxIdleMs));
        Assert.Same(feedback, pair.Next(2 * MaxIdleMs, MaxIdleMs));
    }

    [Fact]
    public void NoHeadsIdleTimeRunsOut_WhenBothSidesOrNeitherHoldMessages_OrTheOtherSideIsAtItsEnd()
    {
        var pair = new PartitionPair();
        Assert.Null(pair.IdleRunOut(1000, MaxIdleMs, out _));

        pair.Enqueue(Message(delivery: true, timestampMs: 100));
        var feedback = Message(delivery: false, timestampMs: 100);
        pair.Enqueue(feedback);
        Assert.Null(pair.IdleRunOut(1000, MaxIdleMs, out _));

        Assert.NotNull(pair.Next(0, MaxIdleMs));
        Assert.Null(pair.Next(0, MaxIdleMs));
        Assert.Same(feedback, pair.IdleRunOut(1000, MaxIdleMs, out _));
        pair.ReachedEnd(deliveries: true, _arrivals++);
        Assert.Null(pair.IdleRunOut(1000, MaxIdleMs, out _));
    }

    private Inbound Message(bool delivery, long timestampMs, long arrivedMs = 0)
    {
        var result = new ConsumeResult<byte[], byte[]>
        {
            TopicPartitionOffset = new TopicPartitionOffset(delivery ? "lead-deliveries" : "buyer-feedback", 0, _arrivals),
            Message = new Message<byte[], byte[]> { Value = [], Timestamp = new Timestamp(timestampMs, TimestampType.CreateTime) },
        };
        return new Inbound(result, delivery, _arrivals++, arrivedMs);
    }

    private static (bool IsDelivery, long TimestampMs) Describe(Inbound? message) =>
        message is null ? throw new InvalidOperationException("no message was released") : (message.IsDelivery, message.TimestampMs);
}
