using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QualityStream.Worker.Ingestion;

/// <summary>Readiness of the consumer: ready once it owns partitions; failed when ingestion stopped for good.</summary>
public sealed class IngestionStatus : IHealthCheck
{
    private readonly HashSet<TopicPartition> _assigned = [];
    private string? _failure;

    public void Assigned(IEnumerable<TopicPartition> partitions)
    {
        lock (_assigned)
        {
            _assigned.UnionWith(partitions);
        }
    }

    public void Revoked(IEnumerable<TopicPartition> partitions)
    {
        lock (_assigned)
        {
            _assigned.ExceptWith(partitions);
        }
    }

    public void Failed(string reason) => _failure = reason;

    public int AssignedCount
    {
        get
        {
            lock (_assigned)
            {
                return _assigned.Count;
            }
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var count = AssignedCount;
        return Task.FromResult(_failure is not null
            ? HealthCheckResult.Unhealthy($"Kafka ingestion stopped: {_failure}")
            : count > 0
                ? HealthCheckResult.Healthy($"{count} partitions assigned")
                : HealthCheckResult.Unhealthy("no partitions assigned yet"));
    }
}
