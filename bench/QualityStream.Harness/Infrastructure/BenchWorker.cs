namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// The worker under test, in this process or in a child process: its addresses, its count of consumed events, and its
/// process's garbage collector.
/// </summary>
public sealed class BenchWorker : IAsyncDisposable
{
    private readonly IAsyncDisposable _host;
    private readonly GcWatcher? _watcher;

    private BenchWorker(IAsyncDisposable host, Uri baseAddress, Uri managementAddress, Func<long> processed, Func<GcStats> gc, GcWatcher? watcher = null)
    {
        _host = host;
        BaseAddress = baseAddress;
        ManagementAddress = managementAddress;
        Processed = processed;
        Gc = gc;
        _watcher = watcher;
    }

    public Uri BaseAddress { get; }

    /// <summary>The management port, where <c>/metrics</c> is served.</summary>
    public Uri ManagementAddress { get; }

    /// <summary>Events consumed so far (<c>qualitystream_events_total</c>, all topics and outcomes).</summary>
    public Func<long> Processed { get; }

    /// <summary>The worker process's collector so far (in process: this process's, load generator and client included).</summary>
    public Func<GcStats> Gc { get; }

    public static async Task<BenchWorker> InProcessAsync(string bootstrapServers, string redis, BenchTopics topics, string prefix, int expectedLeadsPerDay)
    {
        var worker = await InProcessWorker.StartAsync(bootstrapServers, redis, topics, prefix, new WorkerSettings(expectedLeadsPerDay));
        var watcher = new GcWatcher();
        return new BenchWorker(worker, worker.BaseAddress, worker.ManagementAddress, worker.Events.Total, () => watcher.Current, watcher);
    }

    public static async Task<BenchWorker> ChildAsync(string bootstrapServers, string redis, BenchTopics topics, string prefix, int expectedLeadsPerDay)
    {
        var child = await WorkerChild.StartAsync(bootstrapServers, redis, topics, prefix, new WorkerSettings(expectedLeadsPerDay));
        return new BenchWorker(child, child.BaseAddress, child.ManagementAddress, () => child.Progress.Total, () => child.Gc);
    }

    public async ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        await _host.DisposeAsync();
    }
}
