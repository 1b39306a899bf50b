using System.Numerics;
using QualityStream.Core.Collections;

namespace QualityStream.Core.Engine;

/// <summary>
/// Well-mixed 64-bit key (a lead key, a buyer×source key) → int (a lead's first slot, a cell): open addressing with
/// linear probing over a power-of-two array of 16-byte entries kept at most 3/4 full, so a lookup is usually one cache
/// miss (a <see cref="Dictionary{TKey,TValue}"/> costs two: its bucket array, then its entry). Removal shifts the rest of
/// the cluster back (Knuth's algorithm R), so there are no tombstones. The home slot is taken from the key's top bits.
/// </summary>
internal sealed class KeyIndex
{
    private const int MinCapacity = 1024;

    private Entry[] _entries = new Entry[MinCapacity];
    private int _shift = 64 - BitOperations.Log2(MinCapacity);

    public int Count { get; private set; }

    public int Capacity => _entries.Length;

    /// <summary>The value for <paramref name="key"/>, or -1.</summary>
    public int Find(ulong key)
    {
        key = Stored(key);
        var entries = _entries;
        var mask = entries.Length - 1;
        for (var i = Home(key); entries[i].Key != 0; i = (i + 1) & mask)
        {
            if (entries[i].Key == key)
            {
                return entries[i].Slot;
            }
        }

        return -1;
    }

    /// <summary>Starts loading the entry a lookup of <paramref name="key"/> reads first.</summary>
    public void PrefetchHome(ulong key) => Prefetch.Line(ref _entries[Home(Stored(key))]);

    /// <summary>Sets the value for <paramref name="key"/>; returns the previous one, or -1.</summary>
    public int Push(ulong key, int slot)
    {
        if ((Count + 1) * 4L > _entries.Length * 3L)
        {
            Resize(_entries.Length * 2);
        }

        key = Stored(key);
        ref var entry = ref Probe(key);
        var previous = entry.Key == 0 ? -1 : entry.Slot;
        Count += entry.Key == 0 ? 1 : 0;
        entry.Key = key;
        entry.Slot = slot;
        return previous;
    }

    /// <summary>Sets the value of a present <paramref name="key"/>, or forgets the key when it is -1.</summary>
    public void Replace(ulong key, int next)
    {
        key = Stored(key);
        var entries = _entries;
        var mask = entries.Length - 1;
        var i = Home(key);
        while (entries[i].Key != key)
        {
            i = (i + 1) & mask;
        }

        if (next >= 0)
        {
            entries[i].Slot = next;
        }
        else
        {
            RemoveAt(i);
        }
    }

    /// <summary>Makes the entries resident (see <see cref="Pages"/>).</summary>
    public void Touch() => Pages.Touch(_entries);

    /// <summary>Grows (never shrinks) so that <paramref name="count"/> keys fit without another resize.</summary>
    public void EnsureCapacity(int count)
    {
        var needed = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, (count * 4L / 3) + 1));
        if (needed > _entries.Length)
        {
            Resize(needed);
        }
    }

    // 0 marks an empty entry; a key of 0 shares entry 1 with a key of 1, which a caller must tell apart (leads compare their full key).
    private static ulong Stored(ulong key) => key == 0 ? 1 : key;

    private int Home(ulong key) => LinearProbing.Home(key, _shift);

    private ref Entry Probe(ulong key)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        var i = Home(key);
        while (entries[i].Key != 0 && entries[i].Key != key)
        {
            i = (i + 1) & mask;
        }

        return ref entries[i];
    }

    private void RemoveAt(int hole)
    {
        LinearProbing.RemoveAt(_entries, hole, _shift);
        Count--;
    }

    private void Resize(int capacity)
    {
        var old = _entries;
        _entries = new Entry[capacity];
        _shift = 64 - BitOperations.Log2((uint)capacity);
        foreach (var entry in old)
        {
            if (entry.Key != 0)
            {
                Probe(entry.Key) = entry;
            }
        }
    }

    private struct Entry : IHashSlot
    {
        public ulong Key;
        public int Slot;

        readonly ulong IHashSlot.Key => Key;
    }
}
