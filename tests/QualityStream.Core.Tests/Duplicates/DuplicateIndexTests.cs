using QualityStream.Core.Duplicates;

namespace QualityStream.Core.Tests.Duplicates;

public class DuplicateIndexTests
{
    private const int Acme = 1;
    private const int Zenith = 2;
    private const ulong LeadA = 0xA, LeadB = 0xB;
    private const ulong Phone = 0x1111, Email = 0x2222, OtherPhone = 0x3333, OtherEmail = 0x4444;
    private const long Day = 86_400;
    private const long T0 = 1_795_000_000; // 2026-11-18

    private readonly DuplicateIndex _index = new(TimeSpan.FromDays(30));

    [Fact]
    public void CheckAndRecord_FirstSighting_IsNotDuplicate() =>
        Assert.False(_index.CheckAndRecord(Acme, LeadA, Phone, Email, T0));

    [Fact]
    public void CheckAndRecord_SamePhoneSameBuyerOtherLead_IsDuplicate()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, Email, T0);

        Assert.True(_index.CheckAndRecord(Acme, LeadB, Phone, OtherEmail, T0 + Day));
    }

    [Fact]
    public void CheckAndRecord_SameEmailSameBuyerOtherLead_IsDuplicate()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, Email, T0);

        Assert.True(_index.CheckAndRecord(Acme, LeadB, OtherPhone, Email, T0 + Day));
    }

    [Fact]
    public void CheckAndRecord_SameConsumerOtherBuyer_IsNotDuplicate()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, Email, T0);

        Assert.False(_index.CheckAndRecord(Zenith, LeadB, Phone, Email, T0 + Day));
    }

    [Fact]
    public void CheckAndRecord_SameLeadAgain_IsNotDuplicate()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, Email, T0);

        Assert.False(_index.CheckAndRecord(Acme, LeadA, Phone, Email, T0 + Day));
    }

    [Fact]
    public void CheckAndRecord_DifferentConsumer_IsNotDuplicate()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, Email, T0);

        Assert.False(_index.CheckAndRecord(Acme, LeadB, OtherPhone, OtherEmail, T0 + Day));
    }

    [Fact]
    public void CheckAndRecord_ZeroFingerprints_NeverMatch()
    {
        _index.CheckAndRecord(Acme, LeadA, 0, 0, T0);

        Assert.False(_index.CheckAndRecord(Acme, LeadB, 0, 0, T0));
        Assert.Equal(0, _index.Count);
    }

    [Fact]
    public void CheckAndRecord_ExactlyAtLookback_IsDuplicateButOneSecondLaterIsNot()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, 0, T0);

        Assert.True(_index.CheckAndRecord(Acme, LeadB, Phone, 0, T0 + (30 * Day)));
        Assert.False(new DuplicateIndexTests()._index.CheckAndRecord(Acme, LeadB, Phone, 0, T0 + (30 * Day)));
    }

    [Fact]
    public void CheckAndRecord_OutsideLookback_IsNotDuplicate()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, Email, T0);

        Assert.False(_index.CheckAndRecord(Acme, LeadB, Phone, Email, T0 + (30 * Day) + 1));
    }

    [Fact]
    public void CheckAndRecord_EarlierProcessedLeadDeliveredLater_IsDuplicate()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, Email, T0 + Day);

        Assert.True(_index.CheckAndRecord(Acme, LeadB, Phone, Email, T0));
    }

    [Fact]
    public void CheckAndRecord_OlderDelivery_KeepsTheLaterTime()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, 0, T0 + (10 * Day));
        _index.CheckAndRecord(Acme, LeadB, Phone, 0, T0); // delivered earlier, processed later

        Assert.True(_index.CheckAndRecord(Acme, 0xC, Phone, 0, T0 + (40 * Day)));
    }

    [Fact]
    public void CheckAndRecord_ThirdLeadAfterDuplicate_IsDuplicateOfTheLatest()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, 0, T0);
        _index.CheckAndRecord(Acme, LeadB, Phone, 0, T0 + Day);

        Assert.True(_index.CheckAndRecord(Acme, LeadA, Phone, 0, T0 + (2 * Day)));
    }

    [Fact]
    public void Count_CountsEachBuyerAndFingerprintOnce()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, Email, T0);
        _index.CheckAndRecord(Acme, LeadB, Phone, Email, T0);
        _index.CheckAndRecord(Zenith, LeadA, Phone, 0, T0);

        Assert.Equal(3, _index.Count);
    }

    [Fact]
    public void Evict_EntriesOlderThanWatermarkMinusLookback_AreForgotten()
    {
        _index.CheckAndRecord(Acme, LeadA, Phone, 0, T0);
        _index.CheckAndRecord(Acme, LeadA, 0, Email, T0 + 1);

        _index.Evict(T0 + (30 * Day) + 1);

        Assert.Equal(1, _index.Count);
        Assert.False(_index.CheckAndRecord(Acme, LeadB, Phone, 0, T0));
        Assert.True(_index.CheckAndRecord(Acme, LeadB, 0, Email, T0));
    }

    [Fact]
    public void Evict_NothingOldEnough_KeepsEverything()
    {
        for (var i = 1UL; i <= 100; i++)
        {
            _index.CheckAndRecord(Acme, i, i, 0, T0);
        }

        _index.Evict(T0 + (30 * Day));

        Assert.Equal(100, _index.Count);
    }

    [Fact]
    public void Evict_EverythingExpired_EmptiesAndShrinks()
    {
        for (var i = 1UL; i <= 10_000; i++)
        {
            _index.CheckAndRecord(Acme, i, i, i + 1_000_000, T0);
        }

        var grown = _index.EstimatedBytes;
        _index.Evict(T0 + (31 * Day));

        Assert.Equal(0, _index.Count);
        Assert.True(_index.EstimatedBytes < grown / 100, $"{_index.EstimatedBytes} of {grown}");
        Assert.False(_index.CheckAndRecord(Acme, 0, 1, 0, T0 + (31 * Day)));
    }

    [Fact]
    public void Constructor_LookbackUnderASecond_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateIndex(TimeSpan.FromMilliseconds(500)));
}
