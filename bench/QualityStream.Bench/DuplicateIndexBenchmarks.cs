using System.IO.Hashing;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using QualityStream.Core.Duplicates;

namespace QualityStream.Bench;

/// <summary>
/// The duplicate index holding one million fingerprints (500,000 leads × phone and email over 50 buyers):
/// a returning consumer, a new consumer, and the eviction sweep.
/// </summary>
[MemoryDiagnoser]
public class DuplicateIndexBenchmarks
{
    private const int Leads = 500_000;
    private const int Batch = 1024;
    private const int Fresh = 200_000;
    private const long T0 = 1_795_000_000;

    private DuplicateIndex _index = null!;
    private ulong _nextFresh;
    private ulong _round;
    private long _watermark;

    [GlobalSetup]
    public void Setup()
    {
        _index = Filled();
        _watermark = T0 + (long)TimeSpan.FromDays(30).TotalSeconds;
    }

    [IterationSetup(Target = nameof(CheckAndRecord_NewConsumer))]
    public void Refill()
    {
        _index = Filled();
        _nextFresh = Leads + 1;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int CheckAndRecord_ReturningConsumer()
    {
        // A new lead key each round, so every call finds the consumer under another lead: a duplicate.
        var round = ++_round << 32;
        var duplicates = 0;
        for (var i = 1UL; i <= Batch; i++)
        {
            var lead = ((i * 397) % Leads) + 1;
            duplicates += _index.CheckAndRecord((int)(lead % 50), lead + round, Phone(lead), Email(lead), T0 + 1_000) ? 1 : 0;
        }

        return duplicates;
    }

    [Benchmark(OperationsPerInvoke = Fresh)]
    [InvocationCount(1)]
    public int CheckAndRecord_NewConsumer()
    {
        var duplicates = 0;
        for (var n = 0; n < Fresh; n++, _nextFresh++)
        {
            duplicates += _index.CheckAndRecord((int)(_nextFresh % 50), _nextFresh, Phone(_nextFresh), Email(_nextFresh), T0 + 1_000) ? 1 : 0;
        }

        return duplicates;
    }

    /// <summary>A full sweep over 2^21 slots that finds about one expired lead each call (the once-a-minute cost).</summary>
    [Benchmark]
    public int Evict_SweepOneMillion()
    {
        _index.Evict(++_watermark);
        return _index.Count;
    }

    private static DuplicateIndex Filled()
    {
        var index = new DuplicateIndex(TimeSpan.FromDays(30));
        for (var lead = 1UL; lead <= Leads; lead++)
        {
            index.CheckAndRecord((int)(lead % 50), lead, Phone(lead), Email(lead), T0 + (long)lead);
        }

        return index;
    }

    private static ulong Phone(ulong lead) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in lead)));

    private static ulong Email(ulong lead) => Phone(~lead);
}
