using QualityStream.Core.Duplicates;

namespace QualityStream.Core.Tests.Duplicates;

public class DuplicateIndexReserveTests
{
    private const long T0 = 1_790_000_000;

    [Fact]
    public void Reserve_ThenEverythingEvicted_KeepsTheReservedSize()
    {
        var index = new DuplicateIndex(TimeSpan.FromDays(1));
        index.Reserve(10_000);
        var reserved = index.Capacity;
        for (var i = 1UL; i <= 5_000; i++)
        {
            index.CheckAndRecord(1, i, i, 0, T0);
        }

        index.Evict(T0 + (3 * 86_400));

        Assert.Equal(0, index.Count);
        Assert.Equal(reserved, index.Capacity);
    }

    [Fact]
    public void Reserve_EntriesUpToTheReservation_GrowNothing()
    {
        var index = new DuplicateIndex(TimeSpan.FromDays(1));
        index.Reserve(10_000);
        var reserved = index.Capacity;
        for (var i = 1UL; i <= 10_000; i++)
        {
            index.CheckAndRecord(1, i, i, 0, T0);
        }

        Assert.Equal(10_000, index.Count);
        Assert.Equal(reserved, index.Capacity);
    }
}
