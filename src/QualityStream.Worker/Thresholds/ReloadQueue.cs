using System.Runtime.CompilerServices;
using System.Threading.Channels;
using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Thresholds;

/// <summary>
/// Reload requests (one metric, or all) from the change channel, reconnects and the periodic timer. Requests that
/// arrive while a reload runs are merged into the next batch, so a burst of changes costs one extra read, not many.
/// </summary>
internal sealed class ReloadQueue
{
    private readonly Channel<Metric?> _requests = Channel.CreateUnbounded<Metric?>(new() { SingleReader = true });

    /// <summary>Asks for a reload of one metric, or of all when <paramref name="metric"/> is null.</summary>
    public void Request(Metric? metric) => _requests.Writer.TryWrite(metric);

    /// <summary>Each batch of pending requests as the metrics to reload; ends when <paramref name="ct"/> is cancelled.</summary>
    public async IAsyncEnumerable<IReadOnlyCollection<Metric>> BatchesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var reader = _requests.Reader;
        while (await WaitAsync(reader, ct))
        {
            var all = false;
            var some = new HashSet<Metric>();
            while (reader.TryRead(out var request))
            {
                all |= request is null;
                if (request is { } metric)
                {
                    some.Add(metric);
                }
            }

            yield return all ? Metrics.All : some;
        }
    }

    /// <summary>Requests a full reload every <paramref name="period"/> until <paramref name="ct"/> is cancelled.</summary>
    public async Task TickAsync(TimeSpan period, TimeProvider time, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                Request(null);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<Metric?> reader, CancellationToken ct)
    {
        try
        {
            return await reader.WaitToReadAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
