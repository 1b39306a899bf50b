using System.ComponentModel.DataAnnotations;

namespace QualityStream.Worker.Kafka;

/// <summary>Kafka settings (docs/contract.md §10). Security settings are passed to both consumer and producer.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    [Required(ErrorMessage = "Kafka:BootstrapServers is required, e.g. kafka:9092")]
    public string BootstrapServers { get; init; } = "";

    [Required]
    public string GroupId { get; init; } = "qualitystream";

    public KafkaTopics Topics { get; init; } = new();

    /// <summary>Plaintext, Ssl, SaslPlaintext or SaslSsl.</summary>
    public string? SecurityProtocol { get; init; }

    /// <summary>Plain, ScramSha256, ScramSha512, ...</summary>
    public string? SaslMechanism { get; init; }

    public string? SaslUsername { get; init; }

    public string? SaslPassword { get; init; }

    public string? SslCaLocation { get; init; }

    /// <summary>How long a pair's head may wait for the other topic before it is processed alone (the task idle time).</summary>
    [Range(0, 60_000)]
    public int MaxIdleMs { get; init; } = 50;

    /// <summary>Group session timeout; unset keeps the client's default (45 s). Lower means faster failover and rejoin.</summary>
    [Range(1000, 300_000)]
    public int? SessionTimeoutMs { get; init; }

    /// <summary>
    /// The most a dead letter may weigh (key, value and headers); a larger one keeps a prefix of its bytes. Below Kafka's
    /// default record limit (1 MiB) with room for the record's own overhead; lower it to the dead-letter topic's
    /// <c>max.message.bytes</c> if that is smaller.
    /// </summary>
    [Range(1024, 1_000_000, ErrorMessage = "Kafka:DeadLetterMaxBytes must be between 1024 and 1000000")]
    public int DeadLetterMaxBytes { get; init; } = 900_000;
}
