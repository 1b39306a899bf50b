using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// Which types a process allocates, from the runtime's allocation ticks (one event about every 100 KB allocated, naming
/// the type that crossed the mark, weighted by the bytes it stands for). Small, large and pinned object heaps are kept
/// apart: large and pinned allocations count towards full collections. Diagnostics only (QS_BENCH_ALLOC_LOG=1).
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const int AllocationTickId = 10;
    private const int GcStartId = 1;
    private const long GcKeyword = 0x1;
    private readonly ConcurrentDictionary<(string Type, string Heap), long> _bytes = new();
    private readonly ConcurrentDictionary<string, long> _fullCollections = new();

    public static AllocationSampler? FromEnvironment() =>
        Environment.GetEnvironmentVariable("QS_BENCH_ALLOC_LOG") == "1" ? new AllocationSampler() : null;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        if (eventData.EventId == GcStartId)
        {
            // Why each full collection started (the runtime's GC reason codes: 0 small allocation, 4 large allocation, …).
            var depth = Convert.ToInt32(eventData.Payload[eventData.PayloadNames.IndexOf("Depth")], System.Globalization.CultureInfo.InvariantCulture);
            if (depth == 2)
            {
                _fullCollections.AddOrUpdate($"reason {eventData.Payload[eventData.PayloadNames.IndexOf("Reason")]}", 1, static (_, n) => n + 1);
            }

            return;
        }

        if (eventData.EventId != AllocationTickId)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var kind = eventData.PayloadNames.IndexOf("AllocationKind") is var k and >= 0 ? Convert.ToInt32(eventData.Payload[k], System.Globalization.CultureInfo.InvariantCulture) : 0;
        // Weighted by the bytes the tick stands for: one 14 MB array is one tick too.
        var bytes = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate((type, kind switch { 1 => "LOH", 2 => "POH", _ => "SOH" }), bytes, (_, n) => n + bytes);
    }

    /// <summary>The sampled types, most allocated first, then the full collections by reason; resets both.</summary>
    public string TakeReport(int top = 25)
    {
        var types = _bytes.ToArray();
        _bytes.Clear();
        var collections = _fullCollections.ToArray();
        _fullCollections.Clear();
        var total = types.Sum(p => p.Value);
        return string.Join(Environment.NewLine, types.OrderByDescending(p => p.Value).Take(top)
            .Select(p => $"  {p.Key.Heap} {p.Value * 100.0 / Math.Max(1, total),5:F1}% {p.Key.Type}")
            .Concat(collections.Select(p => $"  {p.Value} gen2 collection(s), {p.Key}")));
    }
}
