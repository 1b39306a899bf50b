using QualityStream.Simulator;
using QualityStream.Simulator.Incidents;
using QualityStream.Simulator.Running;

namespace QualityStream.Deploy.Tests.Live;

/// <summary>The simulator in the background: realistic traffic, a little bad input, and every incident kind within 8 s.</summary>
internal sealed class LiveTraffic : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public LiveTraffic(string bootstrapServers)
    {
        var runner = new SimulatorRunner(new SimulatorOptions
        {
            BootstrapServers = bootstrapServers,
            Rate = 300,
            // Fewer buyers and sources than the default keep each 1 s scrape small on a busy 2-core machine.
            Buyers = 10,
            Sources = 12,
            // Some dead letters, so the dead-letter panels show real outcome labels rather than nothing.
            BadInputFraction = 0.005,
            Incidents =
            [
                new() { Kind = IncidentKind.BadPhones, StartAfter = TimeSpan.FromSeconds(2), Rate = 0.45 },
                new() { Kind = IncidentKind.DuplicateStorm, StartAfter = TimeSpan.FromSeconds(4), Rate = 0.30 },
                new() { Kind = IncidentKind.ContactCollapse, StartAfter = TimeSpan.FromSeconds(6), Rate = 0.12 },
                new() { Kind = IncidentKind.ReturnBurst, StartAfter = TimeSpan.FromSeconds(8), Rate = 0.40 },
            ],
        }, TimeProvider.System);
        _run = Task.Run(() => runner.RunAsync(_stop.Token));
    }

    /// <summary>For failure messages: whether the simulator is still producing.</summary>
    public string Status => _run.IsFaulted ? $"simulator failed: {_run.Exception}" : _run.IsCompleted ? "simulator stopped" : "simulator running";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
