namespace QualityStream.Core.Duplicates;

/// <summary>
/// Open-addressing hash table from a non-zero 64-bit key to (lead key, seconds), in three parallel arrays:
/// 20 bytes a slot, no per-entry object, no tombstones. Linear probing over a power-of-two capacity kept at
/// most 3/4 full (so 27–53 bytes per entry); removal shifts the rest of the cluster back (Knuth's algorithm R).
/// Keys must already be well mixed: the slot is taken from the key's top bits.
/// </summary>
internal sealed class FingerprintTable
{
    public const int BytesPerSlot = sizeof(ulong) + sizeof(ulong) + sizeof(uint);

    private const int MinCapacity = 16;

    private ulong[] _keys = new ulong[MinCapacity];
    private ulong[] _leads = new ulong[MinCapacity];
    private uint[] _seconds = new uint[MinCapacity];
    private int _shift = 64 - 4;

    public int Count { get; private set; }

    public int Capacity => _keys.Length;

    public bool TryGet(ulong key, out ulong lead, out uint seconds)
    {
        var mask = _keys.Length - 1;
        for (var i = Home(key); _keys[i] != 0; i = (i + 1) & mask)
        {
            if (_keys[i] == key)
            {
                lead = _leads[i];
                seconds = _seconds[i];
                return true;
            }
        }

        lead = 0;
        seconds = 0;
        return false;
    }

    /// <summary>
    /// Inserts the entry, or, if the key is there, gives it this lead and the later of the two times.
    /// Returns whether the key was there, with what it held before, in one probe sequence.
    /// </summary>
    public bool Upsert(ulong key, ulong lead, uint seconds, out ulong previousLead, out uint previousSeconds)
    {
        if ((Count + 1) * 4L > _keys.Length * 3L)
        {
            Resize(_keys.Length * 2);
        }

        var mask = _keys.Length - 1;
        var i = Home(key);
        while (_keys[i] != 0 && _keys[i] != key)
        {
            i = (i + 1) & mask;
        }

        var existed = _keys[i] != 0;
        (previousLead, previousSeconds) = existed ? (_leads[i], _seconds[i]) : (0UL, 0U);
        Count += existed ? 0 : 1;
        (_keys[i], _leads[i], _seconds[i]) = (key, lead, Math.Max(seconds, previousSeconds));
        return existed;
    }

    /// <summary>
    /// Removes every entry whose seconds are below <paramref name="cutoff"/> in one pass over all slots,
    /// then shrinks the arrays if they became mostly empty. Returns the smallest seconds left (uint.MaxValue if none).
    /// </summary>
    public uint RemoveOlderThan(uint cutoff)
    {
        var oldest = uint.MaxValue;
        for (var i = 0; i < _keys.Length;)
        {
            if (_keys[i] != 0 && _seconds[i] < cutoff)
            {
                RemoveAt(i); // a later entry of the cluster may now sit in slot i: look at it again
                continue;
            }

            if (_keys[i] != 0)
            {
                oldest = Math.Min(oldest, _seconds[i]);
            }

            i++;
        }

        if (_keys.Length > MinCapacity && Count * 8L < _keys.Length)
        {
            Resize(Math.Max(MinCapacity, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Count * 2))));
        }

        return oldest;
    }

    /// <summary>Grows (never shrinks) so that <paramref name="count"/> entries fit without another resize.</summary>
    public void EnsureCapacity(int count)
    {
        var needed = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, (count * 4L / 3) + 1));
        if (needed > _keys.Length)
        {
            Resize(needed);
        }
    }

    /// <summary>The slots, for serialisation: a zero key is an empty slot.</summary>
    public ReadOnlySpan<ulong> Keys => _keys;

    public ReadOnlySpan<ulong> Leads => _leads;

    public ReadOnlySpan<uint> Seconds => _seconds;

    private int Home(ulong key) => (int)(key >> _shift);

    private void RemoveAt(int hole)
    {
        var mask = _keys.Length - 1;
        for (var j = (hole + 1) & mask; _keys[j] != 0; j = (j + 1) & mask)
        {
            // The entry at j may move back into the hole only if the hole lies on its probe path (home..j).
            if (((j - Home(_keys[j])) & mask) >= ((j - hole) & mask))
            {
                (_keys[hole], _leads[hole], _seconds[hole]) = (_keys[j], _leads[j], _seconds[j]);
                hole = j;
            }
        }

        _keys[hole] = 0;
        Count--;
    }

    private void Resize(int capacity)
    {
        var (keys, leads, seconds) = (_keys, _leads, _seconds);
        _keys = new ulong[capacity];
        _leads = new ulong[capacity];
        _seconds = new uint[capacity];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        Count = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0)
            {
                Upsert(keys[i], leads[i], seconds[i], out _, out _);
            }
        }
    }
}
