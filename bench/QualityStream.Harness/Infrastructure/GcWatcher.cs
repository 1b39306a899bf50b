namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// Watches this process's collections every millisecond, so each pause can be judged on its own: the runtime's totals
/// say how long the process was paused, not whether that was one long pause or many short ones (a p99 cares which).
/// Two collections within one millisecond count as one for the long-pause counts; the total stays exact.
/// </summary>
public sealed class GcWatcher : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan VeryLong = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread? _thread;
    private readonly Action<GcStats>? _publish;
    private long _lastIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
    private long _over50;
    private long _over100;

    /// <param name="publish">Called with the figures after each look.</param>
    /// <param name="ownThread">
    /// False when the caller already wakes every millisecond and calls <see cref="Poll"/> itself: in the worker child,
    /// each extra thread that wakes every millisecond preempts the worker's busy threads that often.
    /// </param>
    public GcWatcher(Action<GcStats>? publish = null, bool ownThread = true)
    {
        _publish = publish;
        if (ownThread)
        {
            _thread = new Thread(Watch) { IsBackground = true, Name = "gc-watcher" };
            _thread.Start();
        }
    }

    public GcStats Current => new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration().Ticks, Interlocked.Read(ref _over50), Interlocked.Read(ref _over100));

    /// <summary>Looks at the latest collection and publishes the figures; call it every millisecond from one thread.</summary>
    public void Poll()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        if (info.Index != _lastIndex)
        {
            _lastIndex = info.Index;
            LogEach(info);
            foreach (var pause in info.PauseDurations)
            {
                Interlocked.Add(ref _over50, pause >= Long ? 1 : 0);
                Interlocked.Add(ref _over100, pause >= VeryLong ? 1 : 0);
            }
        }

        _publish?.Invoke(Current);
    }

    private void Watch()
    {
        while (!_stop.IsCancellationRequested)
        {
            Poll();
            Thread.Sleep(1);
        }
    }

    // QS_BENCH_GC_LOG=1 prints every collection the watcher sees (it may skip one when two land in a millisecond):
    // which generation, how long, and how much survived, the figures that say why a pause was long.
    private static readonly bool LogCollections = Environment.GetEnvironmentVariable("QS_BENCH_GC_LOG") == "1";

    private static void LogEach(GCMemoryInfo info)
    {
        if (LogCollections)
        {
            Console.Error.WriteLine(
                $"gc #{info.Index} gen{info.Generation} {(info.Concurrent ? "background" : "blocking")}{(info.Compacted ? " compacted" : "")} " +
                $"pause {string.Join('+', info.PauseDurations.ToArray().Select(p => p.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} ms " +
                $"promoted {info.PromotedBytes / 1e6:F1} MB heap {info.HeapSizeBytes / 1e6:F0} MB fragmented {info.FragmentedBytes / 1e6:F0} MB at {DateTime.UtcNow:HH:mm:ss.fff}");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join();
        _stop.Dispose();
    }
}
