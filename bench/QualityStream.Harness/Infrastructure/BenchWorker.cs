namespace QualityStream.Harness.Infrastructure;

/// <summary>The worker under test, in this process or in a child process: its address and its count of consumed events.</summary>
public sealed class BenchWorker : IAsyncDisposable
{
    private readonly IAsyncDisposable _host;

    private BenchWorker(IAsyncDisposable host, Uri baseAddress, Func<long> processed)
    {
        _host = host;
        BaseAddress = baseAddress;
        Processed = processed;
    }

    public Uri BaseAddress { get; }

    /// <summary>Events consumed so far (<c>qualitystream_events_total</c>, all topics and outcomes).</summary>
    public Func<long> Processed { get; }

    public static async Task<BenchWorker> InProcessAsync(string bootstrapServers, string redis, BenchTopics topics, string prefix, int expectedLeadsPerDay)
    {
        var worker = await InProcessWorker.StartAsync(bootstrapServers, redis, topics, prefix, expectedLeadsPerDay);
        return new BenchWorker(worker, worker.BaseAddress, worker.Events.Total);
    }

    public static async Task<BenchWorker> ChildAsync(string bootstrapServers, string redis, BenchTopics topics, string prefix, int expectedLeadsPerDay)
    {
        var child = await WorkerChild.StartAsync(bootstrapServers, redis, topics, prefix, expectedLeadsPerDay);
        return new BenchWorker(child, child.BaseAddress, () => child.Progress.Total);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
