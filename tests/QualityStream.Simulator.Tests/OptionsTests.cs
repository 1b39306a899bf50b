using QualityStream.Simulator.Incidents;
using QualityStream.Simulator.Running;

namespace QualityStream.Simulator.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void DefaultScript_StartsEveryIncidentWithinAMinuteOnDistinctTargets()
    {
        var generator = new Traffic(new SimulatorOptions { Seed = 1 }).Generator;

        Assert.Equal(4, generator.Incidents.Count);
        Assert.All(generator.Incidents, i => Assert.InRange(i.Start - generator.StartedAt, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)));
        Assert.All(generator.Incidents, i => Assert.True(i.End - i.Start >= TimeSpan.FromMinutes(5)));
        Assert.NotNull(generator.Incidents.Single(i => i.Kind == IncidentKind.BadPhones).SourceId);
        Assert.NotNull(generator.Incidents.Single(i => i.Kind == IncidentKind.ReturnBurst).SourceId);
    }

    [Fact]
    public void CommandLine_ParsesEveryFlag()
    {
        Assert.True(SimulatorCommandLine.TryParse(
            ["--bootstrap", "127.0.0.1:1234", "--rate", "50.5", "--buyers", "5", "--sources", "7", "--incidents", "none",
             "--bad-input-fraction", "0.001", "--seed", "9", "--duration", "30", "--deliveries-topic", "d", "--feedback-topic", "f"],
            out var o, out _));

        Assert.Equal("127.0.0.1:1234", o.BootstrapServers);
        Assert.Equal(50.5, o.Rate);
        Assert.Equal((5, 7, 9), (o.Buyers, o.Sources, o.Seed));
        Assert.Empty(o.Incidents!);
        Assert.Equal(0.001, o.BadInputFraction);
        Assert.Equal(TimeSpan.FromSeconds(30), o.Duration);
        Assert.Equal(("d", "f"), (o.DeliveriesTopic, o.FeedbackTopic));
    }

    [Theory]
    [InlineData("--rate", "fast")]
    [InlineData("--incidents", "some")]
    [InlineData("--buyers", "0")]
    [InlineData("--bad-input-fraction", "2")]
    [InlineData("--unknown", "1")]
    public void CommandLine_RejectsBadValuesWithTheUsage(string flag, string value)
    {
        Assert.False(SimulatorCommandLine.TryParse([flag, value], out _, out var error));
        Assert.Contains("usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SmallMarket_WithManyBuyers_GivesUniqueIds()
    {
        var market = new Traffic(new SimulatorOptions { Seed = 3, Buyers = 150, Sources = 120 }).Generator.Market;

        Assert.Equal(150, market.Buyers.Select(b => b.BuyerId).Distinct().Count());
        Assert.Equal(120, market.Sources.Select(s => s.SourceId).Distinct().Count());
        Assert.All(market.Buyers, b => Assert.Matches(Checks.Id(), b.BuyerId));
    }
}
