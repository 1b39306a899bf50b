using System.Numerics;
using QualityStream.Core.Collections;

namespace QualityStream.Core.Engine;

/// <summary>
/// Tracked leads in a flat slot array with a free list, indexed by leadId hash, and bucketed by delivery second in a ring
/// so that windows and retention expire leads exactly, in order, without scanning or sorting.
/// </summary>
internal sealed class LeadStore
{
    private readonly KeyIndex _byKey = new();
    private readonly int[] _bucketHeads;
    private LeadSlot[] _slots = new LeadSlot[1024];
    private int _used;
    private int _freeHead = -1;

    /// <param name="retentionSeconds">How long leads live; the ring holds one bucket per second of it.</param>
    public LeadStore(long retentionSeconds)
    {
        _bucketHeads = new int[retentionSeconds + 2];
        Array.Fill(_bucketHeads, -1);
    }

    public int Count { get; private set; }

    /// <summary>Grows the slots and the index now so that <paramref name="leads"/> fit without a resize later.</summary>
    public void EnsureCapacity(int leads)
    {
        // A power of two, so that growth past the hint doubles to the same sizes as growth from empty.
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, leads));
        if (slots > _slots.Length)
        {
            Array.Resize(ref _slots, slots);
        }

        _byKey.EnsureCapacity(leads);
    }

    /// <summary>Makes the slots and the index resident (see <see cref="Pages"/>).</summary>
    public void Touch()
    {
        Pages.Touch(_slots);
        _byKey.Touch();
    }

    public int Capacity => _slots.Length;

    public int IndexCapacity => _byKey.Capacity;

    public ref LeadSlot this[int slot] => ref _slots[slot];

    /// <summary>Starts loading the index entry <see cref="Find"/> reads first for <paramref name="leadKey"/>.</summary>
    public void PrefetchIndex(ulong leadKey) => _byKey.PrefetchHome(leadKey);

    /// <summary>The lead with this key delivered to <paramref name="buyer"/>, or -1; tells whether another buyer has that leadId.</summary>
    public int Find(ulong leadKey, int buyer, out bool otherBuyer)
    {
        otherBuyer = false;
        for (var slot = _byKey.Find(leadKey); slot >= 0; slot = _slots[slot].NextSameKey)
        {
            if (_slots[slot].LeadKey != leadKey)
            {
                continue;
            }

            if (_slots[slot].Buyer == buyer)
            {
                return slot;
            }

            otherBuyer = true;
        }

        return -1;
    }

    public int Add(in LeadSlot lead)
    {
        var slot = _freeHead;
        if (slot >= 0)
        {
            _freeHead = _slots[slot].NextInBucket;
        }
        else
        {
            if (_used == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            slot = _used++;
        }

        ref var s = ref _slots[slot];
        s = lead;
        s.NextSameKey = _byKey.Push(lead.LeadKey, slot);
        ref var bucket = ref _bucketHeads[Bucket(lead.DeliveredSec)];
        s.NextInBucket = bucket;
        bucket = slot;
        Count++;
        return slot;
    }

    public delegate void LeadVisitor(in LeadSlot lead);

    /// <summary>Visits every tracked lead (for serialisation; not on the hot path).</summary>
    public void ForEach(LeadVisitor visit)
    {
        foreach (var head in _bucketHeads)
        {
            for (var slot = head; slot >= 0; slot = _slots[slot].NextInBucket)
            {
                visit(_slots[slot]);
            }
        }
    }

    /// <summary>First lead delivered in second <paramref name="sec"/>; follow <see cref="LeadSlot.NextInBucket"/>.</summary>
    public int BucketHead(long sec) => _bucketHeads[Bucket(sec)];

    /// <summary>Starts loading the first lead of second <paramref name="sec"/>'s bucket, which is about to expire.</summary>
    public void PrefetchBucketHead(long sec)
    {
        var slot = _bucketHeads[Bucket(sec)];
        if (slot >= 0)
        {
            Prefetch.Line(ref _slots[slot]);
        }
    }

    /// <summary>Forgets every lead delivered in second <paramref name="sec"/>.</summary>
    public void RemoveBucket(long sec)
    {
        ref var head = ref _bucketHeads[Bucket(sec)];
        var slot = head;
        head = -1;
        while (slot >= 0)
        {
            var next = _slots[slot].NextInBucket;
            Unlink(slot);
            _slots[slot] = default;
            _slots[slot].NextInBucket = _freeHead;
            _freeHead = slot;
            Count--;
            slot = next;
        }
    }

    private void Unlink(int slot)
    {
        var key = _slots[slot].LeadKey;
        var head = _byKey.Find(key);
        if (head == slot)
        {
            _byKey.Replace(key, _slots[slot].NextSameKey);
            return;
        }

        for (var prev = head; prev >= 0; prev = _slots[prev].NextSameKey)
        {
            if (_slots[prev].NextSameKey == slot)
            {
                _slots[prev].NextSameKey = _slots[slot].NextSameKey;
                return;
            }
        }
    }

    private int Bucket(long sec) => (int)(((sec % _bucketHeads.Length) + _bucketHeads.Length) % _bucketHeads.Length);
}
