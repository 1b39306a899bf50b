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
    private readonly Thread _thread;
    private readonly Action<GcStats>? _publish;
    private long _over50;
    private long _over100;

    public GcWatcher(Action<GcStats>? publish = null)
    {
        _publish = publish;
        _thread = new Thread(Watch) { IsBackground = true, Name = "gc-watcher" };
        _thread.Start();
    }

    public GcStats Current => new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration().Ticks, Interlocked.Read(ref _over50), Interlocked.Read(ref _over100));

    private void Watch()
    {
        var lastIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
        while (!_stop.IsCancellationRequested)
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            if (info.Index != lastIndex)
            {
                lastIndex = info.Index;
                foreach (var pause in info.PauseDurations)
                {
                    Interlocked.Add(ref _over50, pause >= Long ? 1 : 0);
                    Interlocked.Add(ref _over100, pause >= VeryLong ? 1 : 0);
                }
            }

            _publish?.Invoke(Current);
            Thread.Sleep(1);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
