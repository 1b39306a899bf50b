using System.Diagnostics;
using QualityStream.Harness.Infrastructure;

namespace QualityStream.Harness.Ceiling;

/// <summary>
/// One worker child of a chunked run (frozen between its turns) and what it added up over the measured chunks: its
/// timing, its CPU time and its broker's, its collector, and the shortest time between two of its thaws.
/// </summary>
public sealed class WorkerLane(WorkerChild worker, string name)
{
    private readonly Dictionary<string, long> _cpu = [];
    private readonly Dictionary<string, long> _brokerCpu = [];
    private GcStats _gcStart;
    private long _lastThaw;

    public string Name { get; } = name;

    public WorkerChild Worker { get; } = worker;

    public PhaseTiming Total { get; private set; }

    /// <summary>
    /// The shortest time from one thaw to the next. A periodic checkpoint whose interval is shorter than this comes due
    /// while the worker is frozen, so every thaw starts with one.
    /// </summary>
    public TimeSpan ShortestThawGap { get; private set; } = TimeSpan.MaxValue;

    /// <summary>The CPU time an event of the measured chunks, by thread group.</summary>
    public Dictionary<string, long> Cpu => _cpu;

    /// <summary>Call before the first measured chunk: the collector's figures count from here.</summary>
    public void StartMeasuring() => _gcStart = Worker.Gc;

    /// <summary>Lets the worker consume one chunk (<see cref="WorkerChunk"/>); adds it up if <paramref name="measured"/>.</summary>
    public (PhaseTiming Timing, Dictionary<string, long> Cpu) Consume(long expected, bool measured)
    {
        var thaw = Stopwatch.GetTimestamp();
        if (_lastThaw != 0)
        {
            var gap = Stopwatch.GetElapsedTime(_lastThaw, thaw);
            ShortestThawGap = gap < ShortestThawGap ? gap : ShortestThawGap;
        }

        _lastThaw = thaw;
        Dictionary<string, long> cpu = [], brokerCpu = [];
        var timing = WorkerChunk.Process(Worker, expected, cpu, brokerCpu);
        if (measured)
        {
            Total += timing;
            ThreadCpu.AddDelta(_cpu, [], cpu);
            ThreadCpu.AddDelta(_brokerCpu, [], brokerCpu);
        }

        return (timing, cpu);
    }

    /// <summary>Thaws the worker for good and reads what it counted: its outcomes, and its checkpoint writes.</summary>
    public async Task<CeilingResult> ResultAsync(PhaseTiming bare, PhaseTiming minimal, double bareCpuUs, long maxChunkBytes)
    {
        // Frozen between chunks, the worker allocated and collected only while it read them.
        var gc = Worker.Gc.Minus(_gcStart);
        var events = Math.Max(1, Total.Events);
        Console.WriteLine($"{Name} CPU us an event: {ThreadCpu.PerEvent(_cpu, events)}; broker meanwhile {ThreadCpu.TotalUsPerEvent(_brokerCpu, events):F2}");
        Console.WriteLine($"{Name} GC over the measured chunks: {gc.Describe(events)}");
        Worker.Thaw();
        var outcomes = await MetricsScrape.EventOutcomesAsync(Worker.ManagementAddress);
        var (writes, writeSeconds) = await MetricsScrape.CheckpointWritesAsync(Worker.ManagementAddress);
        Console.WriteLine($"{Name} outcomes: " + string.Join(", ", outcomes.Select(kv => $"{kv.Key}={kv.Value:N0}")) +
            $"; {writes:N0} task checkpoints written, {(writes > 0 ? writeSeconds * 1000 / writes : 0):F1} ms each");
        return new CeilingResult(Total, bare, minimal, outcomes.Where(kv => kv.Key != "applied").Sum(kv => kv.Value), maxChunkBytes,
            ThreadCpu.TotalUsPerEvent(_cpu, events), ThreadCpu.TotalUsPerEvent(_brokerCpu, events), bareCpuUs,
            gc.AllocatedBytes / (double)events, gc.PauseMs * 1000 / events)
        {
            CheckpointWrites = writes,
            CheckpointWriteSeconds = writeSeconds,
            ShortestThawGap = ShortestThawGap,
        };
    }
}
