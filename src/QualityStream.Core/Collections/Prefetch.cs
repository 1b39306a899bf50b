using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace QualityStream.Core.Collections;

/// <summary>
/// Asks the CPU to start loading memory that will be read shortly. The engine's cost is mostly waiting on memory:
/// first touches of tables far larger than the cache (lead index, fingerprints, seen ids, lead slots, cell states).
/// Naming those lines before the work that reads them lets their misses overlap with that work and with each other,
/// instead of being paid one after another. A hint only: it never faults and changes no result, and where the
/// instruction does not exist it does nothing.
/// </summary>
internal static class Prefetch
{
    private const int CacheLine = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Line<T>(ref T target)
    {
        if (Sse.IsSupported)
        {
            // A pointer into a movable array is fine here: if the GC moves it, the hint only loads a stale line.
            Sse.Prefetch0(Unsafe.AsPointer(ref target));
        }
    }

    /// <summary>Every cache line <paramref name="items"/> spans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Lines<T>(ReadOnlySpan<T> items)
    {
        if (items.IsEmpty)
        {
            return;
        }

        ref var first = ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(items));
        var bytes = items.Length * Unsafe.SizeOf<T>();
        for (var offset = 0; offset < bytes; offset += CacheLine)
        {
            Line(ref Unsafe.Add(ref first, offset));
        }

        // The last line too, when the span does not start on a line boundary.
        Line(ref Unsafe.Add(ref first, bytes - 1));
    }
}
