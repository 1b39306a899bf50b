using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QualityStream.Worker.Checkpoints;

/// <summary>
/// Readiness: whether checkpoints are being written. Degraded, not unhealthy, while they are not: processing goes on and
/// what users see stays right, but offsets are not committed, so a restart replays more and consumer lag grows.
/// </summary>
public sealed class CheckpointHealthCheck(TaskCheckpointer checkpointer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(checkpointer.Failing is { } why
            ? HealthCheckResult.Degraded($"checkpoints cannot be written ({why}); processing goes on and offsets are not committed until they can")
            : HealthCheckResult.Healthy("checkpoints are written"));
}
