using System.Diagnostics;
using Confluent.Kafka;
using QualityStream.Worker.Kafka;

namespace QualityStream.Harness.Ceiling;

/// <summary>
/// The baseline: a plain Confluent.Kafka consumer that reads a chunk (both topics, explicit start offsets) and discards
/// every message, with the worker's fetch settings. Any error, an out-of-range offset included, fails the run.
/// </summary>
public static class BareConsumer
{
    public static PhaseTiming Read(string bootstrapServers, IReadOnlyDictionary<TopicPartition, long> start, long expected)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var consumer = Assigned(bootstrapServers, start, "bare consumer");
        long read = 0;
        long first = 0;
        long last = 0;
        var idle = Stopwatch.StartNew();
        while (read < expected)
        {
            var message = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (message is null)
            {
                if (idle.Elapsed > TimeSpan.FromSeconds(20))
                {
                    throw new TimeoutException($"bare consumer read {read} of {expected} and then nothing for 20 s");
                }

                continue;
            }

            last = Stopwatch.GetTimestamp();
            first = read == 0 ? last : first;
            read++;
            idle.Restart();
        }

        consumer.Close();
        return new PhaseTiming(read, read - 1, Stopwatch.GetElapsedTime(first, last));
    }

    /// <summary>
    /// A consumer with the worker's own client settings (fetch, marshalling), so the baseline gets every advantage the
    /// worker has; then what a reader of explicitly assigned partitions that commits nothing needs instead. Any error,
    /// an out-of-range offset included, fails the run.
    /// </summary>
    internal static IConsumer<byte[], byte[]> Assigned(string bootstrapServers, IReadOnlyDictionary<TopicPartition, long> start, string who)
    {
        var config = KafkaConfigs.Consumer(new KafkaOptions { BootstrapServers = bootstrapServers, GroupId = $"bare-{Guid.NewGuid():N}" });
        config.EnableAutoCommit = false;
        config.AutoOffsetReset = AutoOffsetReset.Error;
        config.EnablePartitionEof = false;
        var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetErrorHandler((_, e) => throw new InvalidOperationException($"{who} error: {e.Reason}")).Build();
        consumer.Assign(start.Select(kv => new TopicPartitionOffset(kv.Key, kv.Value)));
        return consumer;
    }
}
