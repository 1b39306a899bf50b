using System.Buffers;

namespace QualityStream.Core.Duplicates;

/// <summary>
/// "Was this consumer already delivered to the same buyer within the lookback, under another leadId?"
/// (docs/contract.md §3, duplicate). Remembers, per buyer and fingerprint, the last lead and the latest delivery
/// time, in bounded memory: one 20-byte slot per remembered fingerprint at a load of at most 3/4, so
/// 27–53 bytes each (see <see cref="FingerprintTable"/>). Times are whole seconds since the Unix epoch,
/// held as unsigned 32-bit (clamped to 1970–2106). Not thread-safe: one instance per partition worker.
/// </summary>
public sealed class DuplicateIndex
{
    private readonly FingerprintTable _table;

    // A lower bound of every recorded time, so Evict can tell in O(1) that nothing has expired.
    private long _oldest = long.MaxValue;

    // Entries dated before this are forgotten (ForgetBefore), whether or not a sweep has removed them yet.
    private long _forgetBefore = long.MinValue;
    private long _sweptBefore = long.MinValue;

    public DuplicateIndex(TimeSpan lookback)
        : this(lookback, new FingerprintTable())
    {
    }

    private DuplicateIndex(TimeSpan lookback, FingerprintTable table)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, TimeSpan.FromSeconds(1));
        LookbackSeconds = (long)lookback.TotalSeconds;
        _table = table;
    }

    public TimeSpan Lookback => TimeSpan.FromSeconds(LookbackSeconds);

    /// <summary>Remembered (buyer, fingerprint) pairs, including forgotten ones that no sweep has removed yet.</summary>
    public int Count => _table.Count;

    /// <summary>The table's arrays, which is nearly all the memory the index holds.</summary>
    public long EstimatedBytes => ((long)_table.Capacity * FingerprintTable.BytesPerSlot) + 200;

    internal long LookbackSeconds { get; }

    internal int Capacity => _table.Capacity;

    internal FingerprintTable Table => _table;

    /// <summary>
    /// True when either non-zero fingerprint was recorded for <paramref name="buyerKey"/> by a different lead
    /// at a delivery time ≥ <paramref name="deliveredAtSeconds"/> − lookback (a lead processed earlier but
    /// delivered later counts too). Then records both fingerprints for this lead with the later of the two times.
    /// </summary>
    public bool CheckAndRecord(int buyerKey, ulong leadKey, ulong phoneFingerprint, ulong emailFingerprint, long deliveredAtSeconds)
    {
        var since = Math.Max(deliveredAtSeconds - LookbackSeconds, _forgetBefore);
        var at = Clamp(deliveredAtSeconds);
        _oldest = Math.Min(_oldest, at);

        // Phone and email never share a fingerprint, so recording the phone cannot hide the email's history.
        return RecordSeenElsewhere(buyerKey, phoneFingerprint, leadKey, at, since)
            | RecordSeenElsewhere(buyerKey, emailFingerprint, leadKey, at, since);
    }

    /// <summary>Starts loading the slots <see cref="CheckAndRecord"/> will read first for these fingerprints.</summary>
    internal void Prefetch(int buyerKey, ulong phoneFingerprint, ulong emailFingerprint)
    {
        if (phoneFingerprint != 0)
        {
            _table.PrefetchHome(Key(buyerKey, phoneFingerprint));
        }

        if (emailFingerprint != 0)
        {
            _table.PrefetchHome(Key(buyerKey, emailFingerprint));
        }
    }

    /// <summary>
    /// Forgets entries recorded before <paramref name="watermarkSeconds"/> − lookback. Costs O(1) when nothing
    /// is that old, else one pass over every slot: callers call it about once a minute of event time, so the pass
    /// is a small share of a core.
    /// </summary>
    public void Evict(long watermarkSeconds) => Sweep(watermarkSeconds - LookbackSeconds);

    /// <summary>
    /// Forgets entries dated before <paramref name="watermarkSeconds"/> − lookback, whenever recorded, for a caller that
    /// never records a delivery older than a watermark it gave (the engine rejects those as late). Unlike
    /// <see cref="Evict"/> it leaves them in the table until the table would otherwise grow, or until a lookback has
    /// passed since the last sweep (so that it still shrinks after traffic falls): a sweep visits every slot, and the
    /// memory is the table's size, not its count, so sweeping a table that has room saves nothing. O(1) unless it sweeps.
    /// </summary>
    public void ForgetBefore(long watermarkSeconds)
    {
        _forgetBefore = Math.Max(_forgetBefore, watermarkSeconds - LookbackSeconds);
        if (_sweptBefore == long.MinValue || _forgetBefore - _sweptBefore >= LookbackSeconds)
        {
            Sweep(_forgetBefore);
        }
    }

    private void Sweep(long cutoff)
    {
        _sweptBefore = Math.Max(_sweptBefore, cutoff);
        if (cutoff <= _oldest)
        {
            return;
        }

        var oldest = _table.RemoveOlderThan(Clamp(cutoff));
        _oldest = _table.Count == 0 ? long.MaxValue : oldest;
    }

    /// <summary>
    /// Grows the table now so that <paramref name="entries"/> fit without a resize (and its stall) later; eviction no
    /// longer shrinks it below that.
    /// </summary>
    public void Reserve(int entries) => _table.Reserve(entries);

    /// <summary>Makes the table resident (see <see cref="Collections.Pages"/>).</summary>
    internal void Touch() => _table.Touch();

    /// <summary>Writes a compact, versioned checkpoint (20 bytes an entry; see <see cref="DuplicateIndexFormat"/>).</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // A checkpoint carries no forgotten entries: restored, nothing would tell them from live ones.
        Sweep(_forgetBefore);
        DuplicateIndexFormat.Write(this, writer);
    }

    /// <summary>Reads a checkpoint written by <see cref="WriteTo"/>, with the lookback it was written with.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a complete checkpoint of a supported version.</exception>
    public static DuplicateIndex ReadFrom(ref SequenceReader<byte> reader) => DuplicateIndexFormat.Read(ref reader);

    internal static DuplicateIndex Restore(TimeSpan lookback, FingerprintTable table, long oldest) =>
        new(lookback, table) { _oldest = oldest };

    private bool RecordSeenElsewhere(int buyerKey, ulong fingerprint, ulong leadKey, uint at, long since)
    {
        if (fingerprint == 0)
        {
            return false;
        }

        if (_table.IsFull && _forgetBefore > _oldest)
        {
            // Make room from forgotten entries before the insert grows the table.
            Sweep(_forgetBefore);
        }

        return _table.Upsert(Key(buyerKey, fingerprint), leadKey, at, out var previousLead, out var previousSeconds)
            && previousLead != leadKey
            && previousSeconds >= since;
    }

    private static uint Clamp(long seconds) => (uint)Math.Clamp(seconds, 0, uint.MaxValue);

    /// <summary>
    /// Mixes the buyer into the fingerprint: XOR with a per-buyer salt, then the SplitMix64 finaliser. Both
    /// steps are bijections, so for one buyer distinct fingerprints never share a key; across buyers two pairs
    /// collide with probability about 2^-64.
    /// </summary>
    internal static ulong Key(int buyerKey, ulong fingerprint)
    {
        var key = Finalise(fingerprint ^ Finalise((uint)buyerKey + 0x632BE59BD9B4E019UL));
        return key == 0 ? 1 : key; // 0 marks an empty slot
    }

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
