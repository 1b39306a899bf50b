using QualityStream.Core.Duplicates;

namespace QualityStream.Core.Engine;

/// <summary>
/// Feedback eventIds seen within the retention, as 64-bit hashes with the second each was seen, in one open-addressing
/// table: a lookup is one probe (one cache miss) where two hash sets of generations cost up to four. Entries older than
/// the retention are swept out every half retention, so every id is remembered at least a retention and at most one and
/// a half (two generations kept up to two); a sweep visits every slot, so sweeping more often costs more than it saves.
/// </summary>
internal sealed class SeenEvents(long retentionSeconds)
{
    private readonly FingerprintTable _table = new();
    private long _nowSec = long.MinValue;
    private long _nextSweep = long.MinValue;

    public int Count => _table.Count;

    public int Capacity => _table.Capacity;

    private long SweepEverySec => Math.Max(60, retentionSeconds / 2);

    public bool Contains(ulong key) => _table.Contains(Mixed(key));

    public void Prefetch(ulong key) => _table.PrefetchHome(Mixed(key));

    public void Add(ulong key) => _table.Upsert(Mixed(key), 0, Clamp(_nowSec), out _, out _);

    public void Advance(long nowSec)
    {
        _nowSec = Math.Max(_nowSec, nowSec);
        if (_nextSweep == long.MinValue)
        {
            _nextSweep = nowSec + SweepEverySec;
        }
        else if (nowSec >= _nextSweep)
        {
            _table.RemoveOlderThan(Clamp(nowSec - retentionSeconds));
            _nextSweep = nowSec + SweepEverySec;
        }
    }

    public void Reserve(int count) => _table.Reserve(count);

    public void Touch() => _table.Touch();

    /// <summary>
    /// In the state format's shape of two generations: every id as the current one, since now. Restored, each is kept a
    /// full retention from the moment of writing, which is at least as long as it was owed.
    /// </summary>
    internal (long Since, ulong[] Current, ulong[] Previous) Export()
    {
        var keys = new List<ulong>(_table.Count);
        foreach (var slot in _table.Slots)
        {
            if (slot.Key != 0)
            {
                keys.Add(slot.Key);
            }
        }

        return (_nowSec, [.. keys], []);
    }

    /// <summary>Both generations are kept a retention from <paramref name="since"/>: the older one no longer than it was owed.</summary>
    internal void Import(long since, IEnumerable<ulong> current, IEnumerable<ulong> previous)
    {
        _nowSec = Math.Max(_nowSec, since);
        foreach (var key in current.Concat(previous))
        {
            _table.Upsert(Mixed(key), 0, Clamp(since), out _, out _);
        }
    }

    // XxHash64 output is already as well mixed as the table needs; 0 marks its empty slots.
    private static ulong Mixed(ulong key) => key == 0 ? 1 : key;

    private static uint Clamp(long seconds) => (uint)Math.Clamp(seconds, 0, uint.MaxValue);
}
