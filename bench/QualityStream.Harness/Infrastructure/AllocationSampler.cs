using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// Which types a process allocates, from the runtime's allocation ticks (one event about every 100 KB allocated, naming
/// the type that crossed the mark, so the counts are a sample proportional to bytes). Small and large object heap are
/// kept apart: large allocations are what brings on full collections. Diagnostics only (QS_BENCH_ALLOC_LOG=1).
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const int AllocationTickId = 10;
    private const long GcKeyword = 0x1;
    private readonly ConcurrentDictionary<(string Type, bool Large), long> _ticks = new();

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
        if (eventData.EventId != AllocationTickId || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var kind = eventData.PayloadNames.IndexOf("AllocationKind") is var k and >= 0 ? Convert.ToInt32(eventData.Payload[k], System.Globalization.CultureInfo.InvariantCulture) : 0;
        _ticks.AddOrUpdate((type, kind == 1), 1, static (_, n) => n + 1);
    }

    /// <summary>The sampled types, most allocated first, and resets the counts.</summary>
    public string TakeReport(int top = 25)
    {
        var snapshot = _ticks.ToArray();
        _ticks.Clear();
        var total = snapshot.Sum(p => p.Value);
        return string.Join(Environment.NewLine, snapshot.OrderByDescending(p => p.Value).Take(top)
            .Select(p => $"  {(p.Key.Large ? "LOH" : "SOH")} {p.Value * 100.0 / Math.Max(1, total),5:F1}% {p.Key.Type}"));
    }
}
