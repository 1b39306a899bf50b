using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;

namespace QualityStream.Core.Tests.Engine;

public class EngineCapacityTests
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ATrackedLead_TakesOneSlotOf48Bytes_AndACellsWindowOneCacheLine()
    {
        // The memory target is per tracked lead; the counters are what every event touching a cell writes.
        Assert.Equal(48, System.Runtime.CompilerServices.Unsafe.SizeOf<LeadSlot>());
        Assert.Equal(64, System.Runtime.CompilerServices.Unsafe.SizeOf<WindowCounters>());
    }

    [Fact]
    public void ExpectedLeadsPerDay_TheHintedVolume_GrowsNoTable()
    {
        // Leads are kept 2 days here (1-day return window + a day), fingerprints the 1-day lookback + the 24h window.
        var options = new QualityEngineOptions
        {
            ExpectedLeadsPerDay = 2_000,
            DuplicateLookbackDays = 1,
            ReturnWindowDays = new Dictionary<string, int> { ["default"] = 1 },
        };
        var engine = new QualityEngine(options, new FakeTimeProvider(Origin));
        var sized = engine.Capacities;

        const int leads = 4_000;
        var consumer = new Consumer("Ana", "Diaz", null, null, "78701", "TX", "US");
        for (var i = 0; i < leads; i++)
        {
            var lead = new LeadDelivered($"d-{i}", $"L-{i}", $"buyer-{i % 7}", "fb-camp-7", "auto_insurance",
                Origin.AddSeconds(i * 43), null, consumer);
            engine.Apply(new InspectedLead(lead, ValidityIssues.None, (ulong)(2 * i) + 1, (ulong)(2 * i) + 2));
            engine.Apply(new BuyerFeedback($"f-{i}", $"L-{i}", $"buyer-{i % 7}", FeedbackType.Conversion, Origin.AddSeconds(i * 43)));
        }

        Assert.Equal(leads, engine.TrackedLeads);
        Assert.Equal(sized, engine.Capacities);
    }

    [Fact]
    public void ExpectedLeadsPerDay_Zero_StartsSmallerThanTheDefault()
    {
        var zero = new QualityEngine(new QualityEngineOptions { ExpectedLeadsPerDay = 0 }, TimeProvider.System).Capacities;
        var byDefault = new QualityEngine(new QualityEngineOptions(), TimeProvider.System).Capacities;

        Assert.True(zero.Fingerprints < byDefault.Fingerprints, $"{zero} vs {byDefault}");
        Assert.True(zero.Leads < byDefault.Leads, $"{zero} vs {byDefault}");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4_000_001)]
    public void ExpectedLeadsPerDay_OutOfRange_IsRejectedNamingTheSetting(int perDay)
    {
        var errors = new QualityEngineOptions { ExpectedLeadsPerDay = perDay }.Validate();

        Assert.Contains(errors, e => e == $"Quality:ExpectedLeadsPerDay: must be 0..4000000; got {perDay}");
    }

    [Fact]
    public void ExpectedLeadsPerDay_FourMillion_IsTheLargestAccepted()
    {
        // Validated only: an engine built with it would size ~15 GB of tables.
        Assert.Empty(new QualityEngineOptions { ExpectedLeadsPerDay = 4_000_000 }.Validate());
    }
}
