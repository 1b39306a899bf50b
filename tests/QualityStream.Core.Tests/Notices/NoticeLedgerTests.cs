using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using static QualityStream.Core.Tests.Notices.Changes;

namespace QualityStream.Core.Tests.Notices;

public sealed class NoticeLedgerTests
{
    private readonly NoticeLedger _ledger = new(new NoticeOptions());
    private readonly List<BuyerNotice> _notices = [];

    private void Send(QualityStateChanged change) => _ledger.On(change, _notices);

    private void AdvanceTo(TimeSpan at) => _ledger.AdvanceTo(T0 + at, _notices);

    [Fact]
    public void Incident_ReachingBreachTwice_GivesOneBreachNotice()
    {
        Send(Make("inc-1", MetricStatus.Ok, MetricStatus.Warning, TimeSpan.Zero));
        Send(Make("inc-1", MetricStatus.Warning, MetricStatus.Breach, TimeSpan.FromMinutes(2)));
        Send(Make("inc-1", MetricStatus.Breach, MetricStatus.Warning, TimeSpan.FromMinutes(5)));
        Send(Make("inc-1", MetricStatus.Warning, MetricStatus.Breach, TimeSpan.FromMinutes(9)));

        var notice = Assert.Single(_notices);
        Assert.Equal(
            new BuyerNotice("ntc-inc-1-breach", "acme-auto", "inc-1", NoticeKind.Breach, Metric.Contact, "fb-camp-7", 0.37, 0.4,
                "Contact rate on leads from fb-camp-7 fell to 37% over the last hour (expected at least 40%). We are investigating and will update you.",
                T0 + TimeSpan.FromMinutes(2)),
            notice);
    }

    [Fact]
    public void Incident_OkStraightToBreach_GivesBreachNotice()
    {
        Send(Make("inc-1", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(1)));
        Assert.Equal(NoticeKind.Breach, Assert.Single(_notices).Kind);
    }

    [Fact]
    public void Incident_RecoveringAfterBreach_GivesRecoveredWithDuration()
    {
        Send(Make("inc-1", MetricStatus.Ok, MetricStatus.Warning, TimeSpan.Zero));
        Send(Make("inc-1", MetricStatus.Warning, MetricStatus.Breach, TimeSpan.FromMinutes(10)));
        Send(Make("inc-1", MetricStatus.Breach, MetricStatus.Ok, new TimeSpan(2, 15, 0), rate: 0.58));

        Assert.Equal(2, _notices.Count);
        var recovered = _notices[1];
        Assert.Equal(("ntc-inc-1-recovered", NoticeKind.Recovered, 0.58, 0.55), (recovered.NoticeId, recovered.Kind, recovered.Rate, recovered.Threshold));
        Assert.Equal(
            "Contact rate on leads from fb-camp-7 is back to 58% over the last hour after 2 h 15 min. Thank you for your patience.",
            recovered.Message);
        Assert.Equal(T0 + new TimeSpan(2, 15, 0), recovered.At);
    }

    [Fact]
    public void Incident_ClosedForWantOfTraffic_SaysDeliveriesStoppedRatherThanRecovered()
    {
        Send(Make("inc-1", MetricStatus.Ok, MetricStatus.Warning, TimeSpan.Zero));
        Send(Make("inc-1", MetricStatus.Warning, MetricStatus.Breach, TimeSpan.FromMinutes(10)));
        Send(Make("inc-1", MetricStatus.Breach, MetricStatus.Ok, new TimeSpan(2, 15, 0), rate: null, reason: StateChangeReason.NoTraffic));

        var closed = _notices[1];
        Assert.Equal(("ntc-inc-1-recovered", NoticeKind.Recovered, null, 0.55), (closed.NoticeId, closed.Kind, closed.Rate, closed.Threshold));
        Assert.Equal(
            "Deliveries of leads from fb-camp-7 stopped: none came over the last hour, so we have closed the contact-rate incident opened 2 h 15 min ago. "
            + "We will tell you if it recurs once deliveries resume.",
            closed.Message);
    }

    [Fact]
    public void Incident_FirstSeenMidway_CountsFromTheFirstChangeSeen()
    {
        // As after a restore from before the incident opened: its opening change is not in this ledger's history.
        Send(Make("inc-1", MetricStatus.Warning, MetricStatus.Breach, TimeSpan.FromMinutes(10)));
        Send(Make("inc-1", MetricStatus.Breach, MetricStatus.Ok, TimeSpan.FromMinutes(55), rate: 0.58));

        Assert.Equal([NoticeKind.Breach, NoticeKind.Recovered], _notices.Select(n => n.Kind));
        Assert.Contains("after 45 min.", _notices[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Incident_OnlyWarning_GivesNoNotices()
    {
        Send(Make("inc-1", MetricStatus.Ok, MetricStatus.Warning, TimeSpan.Zero));
        Send(Make("inc-1", MetricStatus.Warning, MetricStatus.Ok, TimeSpan.FromMinutes(30)));
        Assert.Empty(_notices);
    }

    [Fact]
    public void SourceCell_IsNeverNoticed()
    {
        Send(Make("inc-s", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.Zero, buyer: null));
        Send(Make("inc-s", MetricStatus.Breach, MetricStatus.Ok, TimeSpan.FromMinutes(30), buyer: null));
        Assert.Empty(_notices);
    }

    [Fact]
    public void BuyerCell_NoticeHasNoSourceAndSaysYourLeads()
    {
        Send(Make("inc-b", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.Zero, source: null));
        var notice = Assert.Single(_notices);
        Assert.Null(notice.SourceId);
        Assert.StartsWith("Contact rate on your leads fell to 37%", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FifthAndSixthNoticeInAnHour_AreHeldThenMergedIntoOne()
    {
        for (var i = 1; i <= 6; i++)
        {
            Send(Make($"inc-{i}", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(i)));
        }

        Assert.Equal(["ntc-inc-1-breach", "ntc-inc-2-breach", "ntc-inc-3-breach", "ntc-inc-4-breach"], _notices.Select(n => n.NoticeId));

        AdvanceTo(TimeSpan.FromMinutes(61) - TimeSpan.FromSeconds(1));
        Assert.Equal(4, _notices.Count);

        AdvanceTo(TimeSpan.FromMinutes(61));
        Assert.Equal(5, _notices.Count);
        var merged = _notices[4];
        Assert.Equal(("ntc-inc-6-breach-merged2", "inc-6", T0 + TimeSpan.FromMinutes(61)), (merged.NoticeId, merged.IncidentId, merged.At));
        var one = NoticeText.Breach(Metric.Contact, "fb-camp-7", 0.37, 0.4, "1h");
        Assert.Equal($"2 updates: {one} {one}", merged.Message);

        AdvanceTo(TimeSpan.FromMinutes(61) + TimeSpan.FromHours(3));
        Assert.Equal(5, _notices.Count);
    }

    [Fact]
    public void HeldNotice_ReleasedByALaterJump_IsDatedWhenItsSlotFreed()
    {
        for (var i = 1; i <= 5; i++)
        {
            Send(Make($"inc-{i}", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(i)));
        }

        AdvanceTo(TimeSpan.FromHours(3));

        Assert.Equal(("ntc-inc-5-breach", T0 + TimeSpan.FromMinutes(61)), (_notices[4].NoticeId, _notices[4].At));
    }

    [Fact]
    public void HeldNotice_WhoseSlotFreedBeforeTheNextChange_GoesOutBeforeThatChange()
    {
        for (var i = 1; i <= 5; i++)
        {
            Send(Make($"inc-{i}", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(i)));
        }

        Send(Make("inc-b1", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(90), buyer: "other-buyer"));

        Assert.Equal(
            [("ntc-inc-5-breach", T0 + TimeSpan.FromMinutes(61)), ("ntc-inc-b1-breach", T0 + TimeSpan.FromMinutes(90))],
            _notices.Skip(4).Select(n => (n.NoticeId, n.At)));
    }

    [Fact]
    public void SlotsFreeingAtOnce_ReleaseInBuyerIdOrder_WhateverOrderTheyWereHeldIn()
    {
        // One order for ties, so a ledger restored from a checkpoint releases them as the one that never stopped.
        for (var i = 1; i <= 5; i++)
        {
            foreach (var buyer in new[] { "bolt-legal", "acme-auto" })
            {
                Send(Make($"inc-{buyer}-{i}", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(i), buyer: buyer));
            }
        }

        AdvanceTo(TimeSpan.FromMinutes(61));

        Assert.Equal(["acme-auto", "bolt-legal"], _notices.Skip(8).Select(n => n.BuyerId));
    }

    [Fact]
    public void LimitedBuyer_DoesNotDelayOtherBuyers()
    {
        for (var i = 1; i <= 5; i++)
        {
            Send(Make($"inc-a{i}", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(i)));
        }

        Send(Make("inc-b1", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(10), buyer: "other-buyer"));

        Assert.Equal(5, _notices.Count);
        Assert.Equal(("other-buyer", T0 + TimeSpan.FromMinutes(10)), (_notices[4].BuyerId, _notices[4].At));
    }

    [Fact]
    public void Limit_IsSlidingNotPerClockHour()
    {
        foreach (var minute in new[] { 0, 10, 20, 30, 40 })
        {
            Send(Make($"inc-{minute}", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(minute)));
        }

        AdvanceTo(TimeSpan.FromMinutes(60));
        Assert.Equal(5, _notices.Count);
        Assert.Equal(("ntc-inc-40-breach", T0 + TimeSpan.FromMinutes(60)), (_notices[4].NoticeId, _notices[4].At));

        // Sent at 10, 20, 30 and 60 are all within the hour before 65, so the next slot frees at 70.
        Send(Make("inc-65", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(65)));
        Assert.Equal(5, _notices.Count);
        AdvanceTo(TimeSpan.FromMinutes(70));
        Assert.Equal(("ntc-inc-65-breach", T0 + TimeSpan.FromMinutes(70)), (_notices[5].NoticeId, _notices[5].At));
    }

    [Fact]
    public void RecoveryOfHeldBreach_IsStillNoticedInTheMerge()
    {
        for (var i = 1; i <= 5; i++)
        {
            Send(Make($"inc-{i}", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(i)));
        }

        Send(Make("inc-5", MetricStatus.Breach, MetricStatus.Ok, TimeSpan.FromMinutes(20), rate: 0.6));
        AdvanceTo(TimeSpan.FromMinutes(61));

        var merged = _notices[^1];
        Assert.Equal((NoticeKind.Recovered, "ntc-inc-5-recovered-merged2"), (merged.Kind, merged.NoticeId));
        Assert.Contains("is back to 60% over the last hour after 15 min", merged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeldNotices_WithNoFurtherChanges_GoOutWhenTimeAlonePassesTheirSlot()
    {
        for (var i = 1; i <= 5; i++)
        {
            Send(Make($"inc-{i}", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(i)));
        }

        Assert.Equal(4, _notices.Count);
        AdvanceTo(TimeSpan.FromMinutes(61));
        Assert.Equal(5, _notices.Count);
    }

    [Fact]
    public void Change_DatedBeforeTheLedgersTime_CountsAtTheLedgersTime()
    {
        AdvanceTo(TimeSpan.FromMinutes(10));
        Send(Make("inc-1", MetricStatus.Ok, MetricStatus.Breach, TimeSpan.FromMinutes(5)));

        Assert.Equal(T0 + TimeSpan.FromMinutes(10), Assert.Single(_notices).At);
    }

    [Fact]
    public void Ledger_WithInvalidOptions_RefusesNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new NoticeLedger(new NoticeOptions { MaxPerBuyerPerHour = 0 }));
        Assert.Contains("Notices:MaxPerBuyerPerHour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFrom_SomethingElse_ThrowsInvalidData()
    {
        using var reader = new BinaryReader(new MemoryStream(new byte[16]));
        Assert.Throws<InvalidDataException>(() => NoticeLedger.ReadFrom(reader, new NoticeOptions()));
    }
}
