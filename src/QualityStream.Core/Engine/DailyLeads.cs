namespace QualityStream.Core.Engine;

/// <summary>
/// Each buyer's applied deliveries per UTC day of event time, for the last <see cref="Days"/> days: enough for four
/// whole weeks before today, which a volume trend compares. Kept apart from the window counters because a month is
/// longer than any lead is kept.
/// </summary>
internal sealed class DailyLeads
{
    /// <summary>Four whole weeks and the day in progress.</summary>
    public const int Days = 29;

    private readonly List<long[]> _byBuyer = [];
    private long _day = long.MinValue;

    /// <summary>The newest day counted (days since the Unix epoch), or <see cref="long.MinValue"/> before the first.</summary>
    public long Day => _day;

    public void Count(int buyer, long deliveredSec)
    {
        var day = Math.DivRem(deliveredSec, 86400, out var rest) - (rest < 0 ? 1 : 0);
        MoveTo(day);
        if (day <= _day - Days)
        {
            return;
        }

        while (_byBuyer.Count <= buyer)
        {
            _byBuyer.Add(new long[Days]);
        }

        _byBuyer[buyer][Slot(day)]++;
    }

    /// <summary>Starts the days up to <paramref name="day"/>: the ones that fall out of the ring are forgotten.</summary>
    public void MoveTo(long day)
    {
        if (day <= _day)
        {
            return;
        }

        var fresh = _day == long.MinValue ? Days : Math.Min(Days, day - _day);
        for (var d = day - fresh + 1; d <= day; d++)
        {
            foreach (var counts in _byBuyer)
            {
                counts[Slot(d)] = 0;
            }
        }

        _day = day;
    }

    /// <summary>A buyer's counts, oldest day first, the day in progress last; zeros for a buyer never counted.</summary>
    public long[] Of(int buyer)
    {
        var days = new long[Days];
        if (buyer < _byBuyer.Count && _day != long.MinValue)
        {
            for (var i = 0; i < Days; i++)
            {
                days[i] = _byBuyer[buyer][Slot(_day - Days + 1 + i)];
            }
        }

        return days;
    }

    public void WriteTo(BinaryWriter w)
    {
        w.Write(_day);
        w.Write(_byBuyer.Count);
        for (var buyer = 0; buyer < _byBuyer.Count; buyer++)
        {
            foreach (var count in Of(buyer))
            {
                w.Write(count);
            }
        }
    }

    public void ReadFrom(BinaryReader r)
    {
        _day = r.ReadInt64();
        _byBuyer.Clear();
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var counts = new long[Days];
            for (var i = 0; i < Days; i++)
            {
                counts[Slot(_day - Days + 1 + i)] = r.ReadInt64();
            }

            _byBuyer.Add(counts);
        }
    }

    private static int Slot(long day) => (int)(((day % Days) + Days) % Days);
}
