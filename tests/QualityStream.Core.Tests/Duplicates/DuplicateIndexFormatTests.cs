using System.Buffers;
using QualityStream.Core.Duplicates;

namespace QualityStream.Core.Tests.Duplicates;

public class DuplicateIndexFormatTests
{
    private const long T0 = 1_795_000_000;

    private static byte[] Checkpoint(DuplicateIndex index)
    {
        var buffer = new ArrayBufferWriter<byte>();
        index.WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static DuplicateIndex Restore(byte[] bytes)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        return DuplicateIndex.ReadFrom(ref reader);
    }

    [Fact]
    public void ReadFrom_WhatWriteToWrote_RemembersTheSameConsumers()
    {
        var index = new DuplicateIndex(TimeSpan.FromDays(7));
        for (var i = 1UL; i <= 5_000; i++)
        {
            index.CheckAndRecord((int)(i % 7), i, i * 31, i * 17 + 1_000_000, T0 + (long)i);
        }

        var bytes = Checkpoint(index);
        var restored = Restore(bytes);

        Assert.Equal(17 + (10_000 * 20), bytes.Length);
        Assert.Equal(index.Count, restored.Count);
        Assert.Equal(TimeSpan.FromDays(7), restored.Lookback);
        Assert.True(restored.CheckAndRecord(3, 0xFFFF, 10 * 31, 0, T0 + 100));          // lead 10's phone, buyer 10 % 7
        Assert.False(restored.CheckAndRecord(4, 0xFFFF, 10 * 31, 0, T0 + 100));         // other buyer
        Assert.False(restored.CheckAndRecord(3, 10, 0, 10 * 17 + 1_000_000, T0 + 100)); // same lead
        Assert.Equal(bytes, Checkpoint(Restore(bytes)));
    }

    [Fact]
    public void ReadFrom_RestoredIndex_StillEvictsByRecordedTime()
    {
        var index = new DuplicateIndex(TimeSpan.FromSeconds(100));
        index.CheckAndRecord(1, 1, 11, 0, T0);
        index.CheckAndRecord(1, 2, 22, 0, T0 + 50);

        var restored = Restore(Checkpoint(index));
        restored.Evict(T0 + 101);

        Assert.Equal(1, restored.Count);
    }

    [Fact]
    public void ReadFrom_EmptyIndex_RoundTrips() =>
        Assert.Equal(0, Restore(Checkpoint(new DuplicateIndex(TimeSpan.FromDays(30)))).Count);

    [Fact]
    public void ReadFrom_WrongMagic_Throws() =>
        Assert.Contains("QSDI", Assert.Throws<InvalidDataException>(() => Restore("XXXX"u8.ToArray())).Message, StringComparison.Ordinal);

    [Fact]
    public void ReadFrom_UnknownVersion_Throws()
    {
        var bytes = Checkpoint(new DuplicateIndex(TimeSpan.FromDays(30)));
        bytes[4] = 99;

        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => Restore(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFrom_TruncatedEntries_Throws()
    {
        var index = new DuplicateIndex(TimeSpan.FromDays(30));
        index.CheckAndRecord(1, 1, 11, 12, T0);

        Assert.Throws<InvalidDataException>(() => Restore(Checkpoint(index)[..^1]));
    }

    [Fact]
    public void ReadFrom_AcrossSegments_Works()
    {
        var index = new DuplicateIndex(TimeSpan.FromDays(30));
        index.CheckAndRecord(1, 1, 11, 12, T0);
        var bytes = Checkpoint(index);
        var sequence = Segments.Split(bytes, 7);

        var reader = new SequenceReader<byte>(sequence);
        Assert.Equal(2, DuplicateIndex.ReadFrom(ref reader).Count);
    }
}
