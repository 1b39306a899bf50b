using System.Runtime.CompilerServices;

namespace QualityStream.Core.Collections;

/// <summary>
/// Makes a large array's memory resident now. A fresh array's pages are mapped by the OS on first write, each with a
/// fault (and, with threads on two cores, a TLB shootdown); in a hash table sized for millions of entries those first
/// writes land at random for minutes of traffic, and a cold worker sized for a large load fell behind its traffic
/// at first. A worker sized for its load pays them at start instead.
/// </summary>
internal static class Pages
{
    private const int PageBytes = 4096;

    /// <summary>Writes one byte of every page back unchanged: contents are kept, so a restored table may be touched too.</summary>
    public static void Touch<T>(T[] array)
        where T : struct
    {
        // By element, not as one span of bytes: a table sized for a million leads a day passes 2 GB.
        var stride = Math.Max(1, PageBytes / Unsafe.SizeOf<T>());
        for (var i = 0; i < array.Length; i += stride)
        {
            ref var first = ref Unsafe.As<T, byte>(ref array[i]);
            // Volatile, so that the compiler cannot drop a store of the value just read.
            Volatile.Write(ref first, Volatile.Read(ref first));
        }
    }
}
