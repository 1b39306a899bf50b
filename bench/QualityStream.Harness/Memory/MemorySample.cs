namespace QualityStream.Harness.Memory;

/// <summary>Managed heap after a full compacting collection, and the process's resident set, in bytes.</summary>
public readonly record struct MemorySample(long Heap, long Rss)
{
    public static MemorySample Take()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return new MemorySample(GC.GetTotalMemory(forceFullCollection: true), ResidentBytes());
    }

    public static MemorySample operator -(MemorySample a, MemorySample b) => new(a.Heap - b.Heap, a.Rss - b.Rss);

    /// <summary>VmRSS from /proc/self/status (what the kernel charges the process), or -1 where it is not available.</summary>
    private static long ResidentBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
