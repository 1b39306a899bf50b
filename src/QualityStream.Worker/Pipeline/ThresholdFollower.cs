using QualityStream.Worker.Thresholds;

namespace QualityStream.Worker.Pipeline;

/// <summary>Applies every new valid threshold set to the engine as soon as the threshold source publishes it.</summary>
public sealed class ThresholdFollower(IThresholdSource source, QualityPipeline pipeline) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = source.Changes.Subscribe(pipeline.SetThresholds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
