using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Kafka;

namespace QualityStream.Worker.Ingestion;

/// <summary>
/// Readiness of the consumer: ready once it owns partitions and the brokers answer; the description names what is
/// missing. <see cref="Failure"/> is set when ingestion stopped for good, which makes the worker exit non-zero.
/// </summary>
public sealed class IngestionStatus(BrokerConnectivity brokers, IOptions<KafkaOptions> options) : IHealthCheck
{
    private readonly HashSet<TopicPartition> _assigned = [];
    private volatile string? _failure;
    private volatile string? _waiting;

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

    /// <summary>Ingestion stopped and will not resume.</summary>
    public void Failed(string reason) => _failure = reason;

    /// <summary>What ingestion waits for before it can subscribe (null once it has subscribed).</summary>
    public void WaitingFor(string? what) => _waiting = what;

    public string? Failure => _failure;

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
        return Task.FromResult(
            _failure is { } failure ? HealthCheckResult.Unhealthy($"Kafka ingestion stopped: {failure}")
            : brokers.Unreachable is { } down ? HealthCheckResult.Unhealthy(
                $"Kafka broker unreachable since {down.Since:O} ({down.Reason}); retrying, {count} partitions held")
            : _waiting is { } waiting ? HealthCheckResult.Unhealthy($"Kafka: waiting for {waiting}")
            : count > 0 ? HealthCheckResult.Healthy($"{count} partitions assigned")
            : HealthCheckResult.Unhealthy($"Kafka partitions not yet assigned (joining consumer group '{options.Value.GroupId}')"));
    }
}
