namespace QualityStream.Simulator.Tests;

public sealed class BadInputTests
{
    [Fact]
    public void BadInputFraction_EmitsEachKindOfBadDeliveryAtAboutThatRate()
    {
        var traffic = new Traffic(new SimulatorOptions { Seed = 11, Incidents = [], BadInputFraction = 0.05 })
            .Run(400, 10, TimeSpan.FromSeconds(1));
        var deliveries = traffic.Deliveries.ToList();

        var malformed = deliveries.Count(d => d.Json is null);
        var parsed = deliveries.Where(d => d.Json is not null).ToList();
        var badIds = parsed.Count(d => !Checks.Id().IsMatch(d.Get("leadId")));
        var missing = parsed.Count(d => !d.Body.TryGetProperty("consumer", out _));
        var future = parsed.Count(d => DateTimeOffset.Parse(d.Get("deliveredAt"), System.Globalization.CultureInfo.InvariantCulture) > d.EmittedAt.AddMinutes(5));

        Assert.InRange(malformed + badIds + missing + future, 120, 280);
        Assert.All((int[])[malformed, badIds, missing, future], n => Assert.True(n > 20));
    }

    [Fact]
    public void BadDeliveries_GetNoFeedback()
    {
        var traffic = new Traffic(new SimulatorOptions { Seed = 12, Incidents = [], BadInputFraction = 0.2 })
            .Run(100, 10, TimeSpan.FromSeconds(1)).Drain(TimeSpan.FromDays(14), TimeSpan.FromHours(1));
        var good = traffic.Deliveries.Where(d => d.Json is not null && Checks.Id().IsMatch(d.Get("leadId"))
            && d.Body.TryGetProperty("consumer", out _)).Select(d => d.Get("leadId")).ToHashSet();

        Assert.All(traffic.Feedback, f => Assert.Contains(f.Get("leadId"), good));
    }

    [Fact]
    public void NoBadInputFraction_EmitsOnlyWellFormedEvents()
    {
        var traffic = new Traffic().Run(100, 10, TimeSpan.FromSeconds(1));

        Assert.All(traffic.Messages, m => Assert.NotNull(m.Json));
    }
}
