using QualityStream.Core.Duplicates;

namespace QualityStream.Core.Engine;

/// <summary>
/// EventIds seen within the retention, as 64-bit hashes with a hash of what each event said (its lead, buyer and type)
/// and the second it was seen, in one open-addressing table: a lookup is one probe (one cache miss). The content hash
/// tells a redelivery (same content: ignore) from a reused id (other content: reject, contract §2). An id is
/// remembered exactly a retention: one seen longer ago counts as new whether or not a sweep has removed it yet, so what
/// a task decides does not depend on when sweeps happened to run (or on whether it was restored in between). Sweeps,
/// every half retention, only give the memory back; a sweep visits every slot, so sweeping more often costs more than
/// it saves.
/// </summary>
internal sealed class SeenEvents(long retentionSeconds)
{
    private readonly FingerprintTable _table = new();
    private long _nowSec = long.MinValue;
    private long _nextSweep = long.MinValue;

    public int Count => _table.Count;

    public int Capacity => _table.Capacity;

    private long SweepEverySec => Math.Max(60, retentionSeconds / 2);

    /// <summary>Whether <paramref name="key"/> was seen, and if so whether with this <paramref name="content"/>.</summary>
    public Seen Check(ulong key, ulong content) =>
        !_table.TryGet(Mixed(key), out var seen, out var at) || at <= _nowSec - retentionSeconds ? Seen.New
        : seen == Mixed(content) ? Seen.Same
        : Seen.Different;

    public void Prefetch(ulong key) => _table.PrefetchHome(Mixed(key));

    public void Add(ulong key, ulong content) => _table.Upsert(Mixed(key), Mixed(content), Clamp(_nowSec), out _, out _);

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

    /// <summary>Every id with its content hash and the second it was seen, for the state format.</summary>
    internal (long Now, long NextSweep, (ulong Key, ulong Content, uint Seconds)[] Entries) Export()
    {
        var entries = new List<(ulong, ulong, uint)>(_table.Count);
        foreach (var slot in _table.Slots)
        {
            if (slot.Key != 0)
            {
                entries.Add((slot.Key, slot.Lead, slot.Seconds));
            }
        }

        return (_nowSec, _nextSweep, [.. entries]);
    }

    internal void Import(long now, long nextSweep, IReadOnlyCollection<(ulong Key, ulong Content, uint Seconds)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        (_nowSec, _nextSweep) = (now, nextSweep);
        // Sized before the first insert: the entries come in the order of the table they were exported from, i.e. by
        // home slot, and inserted in that order into a table still growing they pile up in one long probing cluster,
        // which makes the import quadratic in their number.
        _table.EnsureCapacity(entries.Count);
        foreach (var (key, content, seconds) in entries)
        {
            _table.Upsert(key, content, seconds, out _, out _);
        }
    }

    // XxHash64 output is already as well mixed as the table needs; 0 marks its empty slots.
    private static ulong Mixed(ulong key) => key == 0 ? 1 : key;

    private static uint Clamp(long seconds) => (uint)Math.Clamp(seconds, 0, uint.MaxValue);

    internal enum Seen : byte
    {
        New,
        Same,
        Different,
    }
}
