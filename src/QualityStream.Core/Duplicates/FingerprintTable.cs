using System.Numerics;
using System.Runtime.CompilerServices;
using QualityStream.Core.Collections;

namespace QualityStream.Core.Duplicates;

/// <summary>
/// Open-addressing hash table from a non-zero 64-bit key to (lead key, seconds): one array of 20-byte slots,
/// no per-entry object, no tombstones. Linear probing over a power-of-two capacity kept at most 3/4 full
/// (so 27–53 bytes per entry); removal shifts the rest of the cluster back (Knuth's algorithm R).
/// Keys must already be well mixed: the slot is taken from the key's top bits.
/// </summary>
internal sealed class FingerprintTable
{
    public static readonly int BytesPerSlot = Unsafe.SizeOf<FingerprintSlot>();

    private const int MinCapacity = 16;

    private FingerprintSlot[] _slots = new FingerprintSlot[MinCapacity];

    // Set by Reserve: a sweep that empties the table must not undo a pre-sizing, or refilling it would grow it
    // again, stall and all.
    private int _floor = MinCapacity;
    private int _shift = 64 - BitOperations.Log2(MinCapacity);

    public int Count { get; private set; }

    public int Capacity => _slots.Length;

    /// <summary>True when one more new entry would make <see cref="Upsert"/> grow the table.</summary>
    public bool IsFull => (Count + 1) * 4L > _slots.Length * 3L;

    /// <summary>The slots, for serialisation: a zero key is an empty slot.</summary>
    public ReadOnlySpan<FingerprintSlot> Slots => _slots;

    /// <summary>
    /// Inserts the entry, or, if the key is there, gives it this lead and the later of the two times.
    /// Returns whether the key was there, with what it held before, in one probe sequence.
    /// </summary>
    public bool Upsert(ulong key, ulong lead, uint seconds, out ulong previousLead, out uint previousSeconds)
    {
        if (IsFull)
        {
            Resize(_slots.Length * 2);
        }

        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Home(key);
        while (slots[i].Key != 0 && slots[i].Key != key)
        {
            i = (i + 1) & mask;
        }

        ref var slot = ref slots[i];
        var existed = slot.Key != 0;
        (previousLead, previousSeconds) = existed ? (slot.Lead, slot.Seconds) : (0UL, 0U);
        Count += existed ? 0 : 1;
        slot.Key = key;
        slot.Lead = lead;
        slot.Seconds = Math.Max(seconds, previousSeconds);
        return existed;
    }

    /// <summary>Starts loading the slot a lookup of <paramref name="key"/> reads first.</summary>
    public void PrefetchHome(ulong key) => Prefetch.Line(ref _slots[Home(key)]);

    public bool Contains(ulong key) => TryGet(key, out _, out _);

    /// <summary>Whether <paramref name="key"/> is there, with the lead and the seconds it holds.</summary>
    public bool TryGet(ulong key, out ulong lead, out uint seconds)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = Home(key); slots[i].Key != 0; i = (i + 1) & mask)
        {
            if (slots[i].Key == key)
            {
                (lead, seconds) = (slots[i].Lead, slots[i].Seconds);
                return true;
            }
        }

        (lead, seconds) = (0, 0);
        return false;
    }

    /// <summary>
    /// Removes every entry whose seconds are below <paramref name="cutoff"/> in one pass over all slots,
    /// then shrinks the array if it became mostly empty. Returns the smallest seconds left (uint.MaxValue if none).
    /// </summary>
    public uint RemoveOlderThan(uint cutoff)
    {
        var oldest = uint.MaxValue;
        var slots = _slots;
        for (var i = 0; i < slots.Length;)
        {
            if (slots[i].Key != 0 && slots[i].Seconds < cutoff)
            {
                RemoveAt(i); // a later entry of the cluster may now sit in slot i: look at it again
                continue;
            }

            if (slots[i].Key != 0)
            {
                oldest = Math.Min(oldest, slots[i].Seconds);
            }

            i++;
        }

        if (_slots.Length > _floor && Count * 8L < _slots.Length)
        {
            Resize(Math.Max(_floor, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Count * 2))));
        }

        return oldest;
    }

    /// <summary>Like <see cref="EnsureCapacity"/>, and a sweep never shrinks the table below that size afterwards.</summary>
    public void Reserve(int count)
    {
        EnsureCapacity(count);
        _floor = Math.Max(_floor, SlotsFor(count));
    }

    /// <summary>Makes the slots resident (see <see cref="Pages"/>).</summary>
    public void Touch() => Pages.Touch(_slots);

    /// <summary>Grows (never shrinks) so that <paramref name="count"/> entries fit without another resize.</summary>
    public void EnsureCapacity(int count)
    {
        var needed = SlotsFor(count);
        if (needed > _slots.Length)
        {
            Resize(needed);
        }
    }

    private static int SlotsFor(int count) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, (count * 4L / 3) + 1));

    private int Home(ulong key) => LinearProbing.Home(key, _shift);

    private void RemoveAt(int hole)
    {
        LinearProbing.RemoveAt(_slots, hole, _shift);
        Count--;
    }

    private void Resize(int capacity)
    {
        var old = _slots;
        _slots = new FingerprintSlot[capacity];
        _shift = 64 - BitOperations.Log2((uint)capacity);
        Count = 0;
        foreach (var slot in old)
        {
            if (slot.Key != 0)
            {
                Upsert(slot.Key, slot.Lead, slot.Seconds, out _, out _);
            }
        }
    }
}
