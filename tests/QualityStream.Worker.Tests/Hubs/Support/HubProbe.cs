using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Hubs;

namespace QualityStream.Worker.Tests.Hubs.Support;

/// <summary>A connected hub client that records everything the server pushes to it.</summary>
public sealed class HubProbe : IAsyncDisposable
{
    private HubProbe(HubConnection connection)
    {
        Connection = connection;
        connection.On<QualityStateChanged>(nameof(IQualityClient.StateChanged), Changes.Enqueue);
        connection.On<RateUpdate[]>(nameof(IQualityClient.RatesUpdated), Rates.Enqueue);
        connection.On<BuyerNotice>(nameof(IQualityClient.Notice), Notices.Enqueue);
    }

    public HubConnection Connection { get; }

    public ConcurrentQueue<QualityStateChanged> Changes { get; } = new();

    public ConcurrentQueue<RateUpdate[]> Rates { get; } = new();

    public ConcurrentQueue<BuyerNotice> Notices { get; } = new();

    /// <summary>The snapshot read right after connecting.</summary>
    public QualitySnapshot? FirstSnapshot { get; private set; }

    public static async Task<HubProbe> ConnectAsync(HubHost host, string key)
    {
        ArgumentNullException.ThrowIfNull(host);
        var probe = new HubProbe(host.Client(key));
        await probe.Connection.StartAsync();

        // The server joins the group in OnConnectedAsync, which can finish after StartAsync returns; an invocation is
        // only dispatched after it, so its answer means the probe is in its group.
        probe.FirstSnapshot = await probe.Connection.InvokeAsync<QualitySnapshot>(nameof(QualityHub.GetSnapshot));
        return probe;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
