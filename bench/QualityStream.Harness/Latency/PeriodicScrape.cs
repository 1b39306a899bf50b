using System.Diagnostics;

namespace QualityStream.Harness.Latency;

/// <summary>
/// Scrapes the worker's <c>/metrics</c> every so often while a level runs, as the deployment's Prometheus does
/// (<c>k8s/base/servicemonitor.yaml</c>: every 15 s): a scrape reads every cell under the engine lock, a slice at a
/// time, and builds thousands of series, and a latency measured without it would leave that cost out.
/// </summary>
public sealed class PeriodicScrape : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _durationsMs = [];
    private readonly Task _loop;

    private PeriodicScrape(Uri worker, TimeSpan every) => _loop = every > TimeSpan.Zero ? LoopAsync(worker, every) : Task.CompletedTask;

    /// <summary>Starts scraping every <paramref name="every"/> (the first one after that long); zero never scrapes.</summary>
    public static PeriodicScrape Start(Uri worker, TimeSpan every) => new(worker, every);

    /// <summary>How long each scrape took, in milliseconds; read after disposing.</summary>
    public IReadOnlyList<double> DurationsMs => _durationsMs;

    private async Task LoopAsync(Uri worker, TimeSpan every)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(new Uri(worker, "/metrics"), HttpCompletionOption.ResponseContentRead, _stop.Token);
                response.EnsureSuccessStatusCode();
                _durationsMs.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
