using System.Text.Json;
using Confluent.Kafka;

namespace QualityStream.Worker.Kafka;

/// <summary>
/// Whether the Kafka brokers can be reached, from every client's errors and the consumer's statistics: logged once per
/// change (not once per connection attempt) and shown by <c>/readyz</c>.
/// </summary>
public sealed class BrokerConnectivity(TimeProvider time, ILogger<BrokerConnectivity> logger)
{
    private readonly Lock _gate = new();
    private string? _reason;
    private DateTimeOffset _since;

    /// <summary>Why the brokers are unreachable and since when; null while they are reachable (or not known not to be).</summary>
    public (string Reason, DateTimeOffset Since)? Unreachable
    {
        get
        {
            lock (_gate)
            {
                return _reason is null ? null : (_reason, _since);
            }
        }
    }

    /// <summary>An error reported by a Kafka client's error handler.</summary>
    public void OnError(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (error.Code)
        {
            case ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Resolve:
                Down(error.Reason);
                break;
            case ErrorCode.Local_Transport:
                // One per failed attempt or dropped idle connection; "all brokers down" says what matters.
                logger.LogDebug("Kafka transport: {Reason}", error.Reason);
                break;
            default:
                logger.LogWarning("Kafka client error: {Reason} ({Code})", error.Reason, error.Code);
                break;
        }
    }

    /// <summary>Something only a reachable broker could have caused happened (an assignment, a fetched message).</summary>
    public void OnReachable()
    {
        lock (_gate)
        {
            if (_reason is null)
            {
                return;
            }

            logger.LogInformation("Kafka brokers reachable again after {Duration:g}", time.GetUtcNow() - _since);
            _reason = null;
        }
    }

    /// <summary>librdkafka's periodic statistics: reachable when any broker's connection is up.</summary>
    public void OnStatistics(string json)
    {
        using var stats = JsonDocument.Parse(json);
        if (!stats.RootElement.TryGetProperty("brokers", out var brokers))
        {
            return;
        }

        foreach (var broker in brokers.EnumerateObject())
        {
            if (broker.Value.TryGetProperty("nodeid", out var id) && id.GetInt32() >= 0
                && broker.Value.TryGetProperty("state", out var state) && state.GetString() == "UP")
            {
                OnReachable();
                return;
            }
        }
    }

    private void Down(string reason)
    {
        lock (_gate)
        {
            if (_reason is not null)
            {
                return;
            }

            _reason = reason;
            _since = time.GetUtcNow();
            logger.LogWarning("Kafka brokers unreachable: {Reason}; retrying until they are back", reason);
        }
    }
}
