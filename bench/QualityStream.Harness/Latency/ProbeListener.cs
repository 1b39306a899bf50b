using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Harness.Infrastructure;
using StackExchange.Redis;

namespace QualityStream.Harness.Latency;

/// <summary>
/// SignalR clients on <c>/hubs/quality</c> that timestamp every <c>StateChanged</c> on receipt and keep the probe cells'
/// validity changes. A board client receives every change and every cell's rates once a second; buyer clients (one per
/// probe buyer) receive only their own cells, which separates the cost of the board's rate stream from the rest.
/// </summary>
public sealed class ProbeListener : IAsyncDisposable
{
    private readonly List<HubConnection> _hubs = [];
    private long _changes;

    private ProbeListener()
    {
    }

    public ConcurrentQueue<ProbeReceipt> Receipts { get; } = new();

    /// <summary>Every state change received, probe or not.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    public static async Task<ProbeListener> StartAsync(Uri worker, IDatabase redis, string prefix, ProbeCells probes, string client)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var keys = new List<string>();
        foreach (var buyer in client == "buyer" ? probes.BuyerIds : [])
        {
            await ApiKeys.AddBuyerAsync(redis, prefix, buyer);
            keys.Add(ApiKeys.Buyer(buyer));
        }

        if (keys.Count == 0)
        {
            await ApiKeys.AddBoardAsync(redis, prefix);
            keys.Add(ApiKeys.Board);
        }

        var listener = new ProbeListener();
        foreach (var key in keys)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(worker, "/hubs/quality"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
                .Build();
            hub.On<QualityStateChanged>("StateChanged", change => listener.Receive(change, probes));
            await hub.StartAsync();
            listener._hubs.Add(hub);
        }

        return listener;
    }

    private void Receive(QualityStateChanged change, ProbeCells probes)
    {
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _changes);
        var cell = probes.CellOf(change.BuyerId);
        if (cell >= 0 && change.Scope == CellScope.BuyerSource && change.Metric == Metric.Validity)
        {
            Receipts.Enqueue(new ProbeReceipt(cell, change.Sample, change.To, at));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs)
        {
            await hub.DisposeAsync();
        }
    }
}
