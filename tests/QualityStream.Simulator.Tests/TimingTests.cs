namespace QualityStream.Simulator.Tests;

public sealed class TimingTests
{
    [Fact]
    public void Feedback_NeverPrecedesItsDeliveryAndComesLaterInTheStream()
    {
        var traffic = new Traffic().Run(600, 5, TimeSpan.FromMilliseconds(500)).Drain(TimeSpan.FromDays(14), TimeSpan.FromMinutes(30));
        var delivered = new Dictionary<string, (DateTimeOffset At, int Position, string Buyer)>();
        var position = 0;

        foreach (var m in traffic.Messages)
        {
            position++;
            if (m.Message.Topic == "lead-deliveries")
            {
                delivered[m.Get("leadId")] = (m.Message.Timestamp, position, m.Get("buyerId"));
                continue;
            }

            Assert.True(delivered.TryGetValue(m.Get("leadId"), out var lead), "feedback before its delivery in the stream");
            Assert.True(m.Message.Timestamp > lead.At, "feedback time not after delivery time");
            Assert.Equal(lead.Buyer, m.Get("buyerId"));
        }

        Assert.Equal(0, traffic.Generator.PendingFeedback);
    }

    [Fact]
    public void EventTimes_NeverExceedTheClockAndNeverGoBack()
    {
        var traffic = new Traffic().Run(200, 20, TimeSpan.FromSeconds(2)).Drain(TimeSpan.FromHours(2), TimeSpan.FromMinutes(7));

        Assert.All(traffic.Messages, m => Assert.True(m.Message.Timestamp <= m.EmittedAt));
        var times = traffic.Messages.Select(m => m.Message.Timestamp).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void Deliveries_SpreadEvenlyBetweenCalls()
    {
        var traffic = new Traffic().Run(1, 4, TimeSpan.FromSeconds(1));

        Assert.Equal(
            [250, 500, 750, 1000],
            traffic.Deliveries.Select(d => (int)(d.Message.Timestamp - Traffic.Start).TotalMilliseconds));
    }

    [Fact]
    public void SameSeedAndClock_GiveIdenticalBytes_OtherSeedDiffers()
    {
        static List<byte[]> Bytes(int seed) =>
            new Traffic(new SimulatorOptions { Seed = seed }).Run(120, 10, TimeSpan.FromSeconds(1))
                .Messages.Select(m => m.Message.Value).ToList();

        var first = Bytes(5);
        var again = Bytes(5);
        var other = Bytes(6);

        Assert.Equal(first.Count, again.Count);
        Assert.True(first.Zip(again).All(p => p.First.AsSpan().SequenceEqual(p.Second)));
        Assert.False(first.Zip(other).All(p => p.First.AsSpan().SequenceEqual(p.Second)));
    }
}
