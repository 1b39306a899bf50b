using QualityStream.Core.Duplicates;
using Xunit.Abstractions;

namespace QualityStream.Core.Tests.Duplicates;

/// <summary>Whole-heap measurements: nothing else may allocate meanwhile, hence the non-parallel collection.</summary>
[CollectionDefinition(nameof(DuplicateIndexMemoryTests), DisableParallelization = true)]
[Collection(nameof(DuplicateIndexMemoryTests))]
public class DuplicateIndexMemoryTests(ITestOutputHelper output)
{
    private const int Fingerprints = 1_000_000;

    [Fact]
    public void CheckAndRecord_OneMillionFingerprints_TakeAtMost64BytesEach()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new DuplicateIndex(TimeSpan.FromDays(30));
        for (var lead = 1UL; lead <= Fingerprints / 2; lead++)
        {
            index.CheckAndRecord((int)(lead % 50), lead, lead * 0x9E3779B97F4A7C15UL, ~lead * 0xC2B2AE3D27D4EB4FUL, 1_795_000_000 + (long)lead);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(index);

        var perFingerprint = (after - before) / (double)Fingerprints;
        output.WriteLine($"{after - before:N0} bytes for {Fingerprints:N0} fingerprints: {perFingerprint:F1} each; EstimatedBytes {index.EstimatedBytes:N0}");
        Assert.Equal(Fingerprints, index.Count);
        Assert.True(perFingerprint <= 64, $"{perFingerprint:F1} bytes per fingerprint");
        Assert.InRange(index.EstimatedBytes, (after - before) * 0.95, (after - before) * 1.05);
    }
}
