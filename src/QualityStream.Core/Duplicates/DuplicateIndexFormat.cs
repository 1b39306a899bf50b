using System.Buffers;
using System.Buffers.Binary;

namespace QualityStream.Core.Duplicates;

/// <summary>
/// Checkpoint format of a <see cref="DuplicateIndex"/>, little-endian:
/// <c>"QSDI"</c>, version (u8) = 1, lookback seconds (i64), entry count (i32), then per entry the mixed
/// buyer×fingerprint key (u64), lead key (u64) and seconds since the Unix epoch (u32): 20 bytes an entry.
/// Keys embed the engine's buyer keys, so a checkpoint is only meaningful with the buyer-key assignment it was
/// written under; a change to <see cref="DuplicateIndex.Key"/> must bump the version.
/// </summary>
internal static class DuplicateIndexFormat
{
    public const byte Version = 1;

    private const int HeaderBytes = 4 + 1 + 8 + 4;
    private const int EntryBytes = 8 + 8 + 4;
    private const int BatchEntries = 512;

    private static ReadOnlySpan<byte> Magic => "QSDI"u8;

    public static void Write(DuplicateIndex index, IBufferWriter<byte> writer)
    {
        var table = index.Table;
        var header = writer.GetSpan(HeaderBytes);
        Magic.CopyTo(header);
        header[4] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(header[5..], index.LookbackSeconds);
        BinaryPrimitives.WriteInt32LittleEndian(header[13..], table.Count);
        writer.Advance(HeaderBytes);

        Span<byte> span = [];
        var used = 0;
        foreach (var slot in table.Slots)
        {
            if (slot.Key == 0)
            {
                continue;
            }

            if (span.Length - used < EntryBytes)
            {
                writer.Advance(used);
                span = writer.GetSpan(BatchEntries * EntryBytes);
                used = 0;
            }

            BinaryPrimitives.WriteUInt64LittleEndian(span[used..], slot.Key);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(used + 8)..], slot.Lead);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(used + 16)..], slot.Seconds);
            used += EntryBytes;
        }

        writer.Advance(used);
    }

    /// <exception cref="InvalidDataException">The bytes are not a complete checkpoint of a version we read.</exception>
    public static DuplicateIndex Read(ref SequenceReader<byte> reader)
    {
        if (!reader.IsNext(Magic, advancePast: true))
        {
            throw new InvalidDataException("duplicate index checkpoint: missing 'QSDI' header");
        }

        if (!reader.TryRead(out var version) || version != Version)
        {
            throw new InvalidDataException($"duplicate index checkpoint: version {version} is not supported (expected {Version})");
        }

        if (!reader.TryReadLittleEndian(out long lookbackSeconds) || !reader.TryReadLittleEndian(out int count)
            || lookbackSeconds < 1 || count < 0 || reader.Remaining < (long)count * EntryBytes)
        {
            throw new InvalidDataException("duplicate index checkpoint: truncated or corrupt header");
        }

        var table = new FingerprintTable();
        table.EnsureCapacity(count);
        var oldest = long.MaxValue;
        for (var n = 0; n < count; n++)
        {
            reader.TryReadLittleEndian(out long key);
            reader.TryReadLittleEndian(out long lead);
            reader.TryReadLittleEndian(out int seconds);
            if (key == 0)
            {
                throw new InvalidDataException($"duplicate index checkpoint: entry {n} has the reserved key 0");
            }

            table.Upsert((ulong)key, (ulong)lead, (uint)seconds, out _, out _);
            oldest = Math.Min(oldest, (uint)seconds);
        }

        return DuplicateIndex.Restore(TimeSpan.FromSeconds(lookbackSeconds), table, oldest);
    }
}
