using Confluent.Kafka;

namespace QualityStream.Worker.Kafka;

/// <summary>Client configurations built from <see cref="KafkaOptions"/>, with the at-least-once settings in one place.</summary>
public static class KafkaConfigs
{
    public static ConsumerConfig Consumer(KafkaOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Secure(new ConsumerConfig
        {
            BootstrapServers = o.BootstrapServers,
            GroupId = o.GroupId,
            // A new group starts from the earliest offsets (docs/contract.md §10).
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // Offsets are stored by hand, only once an event's effects are durable; the client commits stored ones.
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1000,
            // Range assigns each topic's partitions by the same member order, so with co-partitioned topics a worker
            // always owns both partitions of a pair. Cooperative-sticky balances each topic on its own and split pairs
            // (feedback on one worker, its leads on another: orphans); the cost is an eager, stop-the-world rebalance.
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
            EnablePartitionEof = true,
            FetchWaitMaxMs = 20,
            // With one consumer queue for every partition, librdkafka pauses fetching *all* of them for this long once
            // the queue holds queued.min.messages; at the default 1 s a worker slower than its fetcher drained the
            // queue and then sat idle for most of each second.
            FetchQueueBackoffMs = 10,
            // Inbound headers are never read (a dead letter carries the contract's own): not marshalling them saves a
            // native call and an allocation a message.
            ConsumeResultFields = "topic,timestamp",
            ClientId = $"qualitystream-{Environment.MachineName}",
            // Broker states for /readyz (BrokerConnectivity): an error says when brokers go away, only these say when
            // they are back while nothing is fetched.
            StatisticsIntervalMs = 5000,
            SessionTimeoutMs = o.SessionTimeoutMs,
            HeartbeatIntervalMs = o.SessionTimeoutMs is { } session ? Math.Max(100, session / 4) : null,
        }, o);
    }

    public static ProducerConfig Producer(KafkaOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Secure(new ProducerConfig
        {
            BootstrapServers = o.BootstrapServers,
            // Idempotent: a retried send never writes a state change or dead letter twice.
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            // Never give up on a send while the broker is away: an output dropped after a timeout would be in a task's
            // checkpointed state but in no topic, and no replay would make it again (docs/design.md, checkpoints).
            MessageTimeoutMs = 0,
            // Room for the largest dead letter (Kafka:DeadLetterMaxBytes) with its record overhead.
            MessageMaxBytes = o.DeadLetterMaxBytes + (64 * 1024),
            ClientId = $"qualitystream-{Environment.MachineName}",
        }, o);
    }

    public static AdminClientConfig Admin(KafkaOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Secure(new AdminClientConfig { BootstrapServers = o.BootstrapServers }, o);
    }

    private static T Secure<T>(T config, KafkaOptions o) where T : ClientConfig
    {
        if (o.SecurityProtocol is { Length: > 0 } protocol)
        {
            config.SecurityProtocol = Enum.Parse<SecurityProtocol>(protocol, ignoreCase: true);
        }

        if (o.SaslMechanism is { Length: > 0 } mechanism)
        {
            config.SaslMechanism = Enum.Parse<SaslMechanism>(mechanism, ignoreCase: true);
        }

        config.SaslUsername = o.SaslUsername;
        config.SaslPassword = o.SaslPassword;
        config.SslCaLocation = o.SslCaLocation;
        return config;
    }
}
