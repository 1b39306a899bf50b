using System.Diagnostics;
using System.IO.Hashing;
using QualityStream.Core.Engine;

namespace QualityStream.Core.Tests.Engine;

public class SeenEventsTests
{
    [Fact]
    public void Import_OfAnExportedTable_TakesTimeInProportionToItsEntries()
    {
        // Exported entries come in slot order; a restore of a busy task imports a few hundred thousand of them. Linear,
        // this takes tens of milliseconds; quadratic (inserted into a table still growing), seconds.
        const int entries = 400_000;
        var seen = new SeenEvents(86_400);
        seen.Advance(1_000);
        for (var i = 1UL; i <= entries; i++)
        {
            seen.Add(XxHash64.HashToUInt64(BitConverter.GetBytes(i)), i);
        }

        var (now, nextSweep, exported) = seen.Export();
        var restored = new SeenEvents(86_400);
        var clock = Stopwatch.StartNew();
        restored.Import(now, nextSweep, exported);
        var took = clock.Elapsed;

        Assert.Equal(entries, restored.Count);
        Assert.True(took < TimeSpan.FromSeconds(1), $"importing {entries:N0} entries took {took.TotalMilliseconds:F0} ms");
    }
}
