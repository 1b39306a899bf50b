using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Snapshots;

namespace QualityStream.Harness.Memory;

/// <summary>
/// Feeds an engine valid leads, one consumer each, to 200 buyers × 50 sources, evenly over a span ending at
/// the given end. Without fingerprints the leads carry no phone or email fingerprint, so
/// the duplicate index stays empty and the engine's growth is the tracked leads alone.
/// </summary>
public static class LeadFeed
{
    /// <returns>The longest single Apply call and how many took over 10 ms (table growth happens inside them).</returns>
    public static (TimeSpan Longest, int Over10Ms) Apply(QualityEngine engine, int leads, TimeSpan span, DateTimeOffset end, bool fingerprints)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var buyers = Enumerable.Range(0, 200).Select(b => $"buyer-{b:000}").ToArray();
        var sources = Enumerable.Range(0, 50).Select(s => $"source-{s:00}").ToArray();
        var consumer = new Consumer("Ana", "Diaz", "+15125550143", "ana@example.com", "78701", "TX", "US");
        var start = end - span;
        var step = span.Ticks / leads;
        var changes = new List<QualityStateChanged>();
        var sourceCounts = new List<SourceCounts>();
        var longest = TimeSpan.Zero;
        var over10 = 0;
        for (var i = 0; i < leads; i++)
        {
            var lead = new LeadDelivered($"d-{i}", $"L-{i}", buyers[i % buyers.Length], sources[(i / buyers.Length) % sources.Length],
                "auto_insurance", start.AddTicks(step * i), 40m, consumer);
            var n = (ulong)i + 1;
            var started = Stopwatch.GetTimestamp();
            engine.Apply(new InspectedLead(lead, ValidityIssues.None, fingerprints ? Hash(n) : 0, fingerprints ? Hash(~n) : 0));
            var took = Stopwatch.GetElapsedTime(started);
            longest = took > longest ? took : longest;
            over10 += took > TimeSpan.FromMilliseconds(10) ? 1 : 0;
            if ((i & 4095) == 0)
            {
                // As the worker's pipeline does after every event: what the engine hands out is not its memory.
                engine.DrainStateChanges(changes);
                engine.DrainSourceCounts(sourceCounts);
                changes.Clear();
                sourceCounts.Clear();
            }
        }

        engine.DrainStateChanges(changes);
        engine.DrainSourceCounts(sourceCounts);
        return (longest, over10);
    }

    public static ulong Hash(ulong n) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in n))) | 1;
}
