using Confluent.Kafka;
using QualityStream.Harness.Infrastructure;

namespace QualityStream.Harness.Traffic;

/// <summary>
/// Produces generated events to explicit partitions of the input pair, counting record bytes per partition so a run can
/// show it stays inside the mock broker's retention. Not thread-safe: one producing thread.
/// </summary>
public sealed class EventProducer : IDisposable
{
    /// <summary>Key and value lengths plus about 20 bytes of record framing (varints, attributes, deltas).</summary>
    public const int RecordOverhead = 20;

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly TopicPartition[] _deliveries;
    private readonly TopicPartition[] _feedback;
    private readonly Message<byte[], byte[]> _message = new();

    public EventProducer(string bootstrapServers, BenchTopics topics, int lingerMs = 5)
    {
        ArgumentNullException.ThrowIfNull(topics);
        _producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            LingerMs = lingerMs,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 1_048_576,
            EnableIdempotence = false,
        }).Build();
        _deliveries = [.. Enumerable.Range(0, topics.Partitions).Select(p => new TopicPartition(topics.Deliveries, p))];
        _feedback = [.. Enumerable.Range(0, topics.Partitions).Select(p => new TopicPartition(topics.Feedback, p))];
        DeliveryBytes = new long[topics.Partitions];
        FeedbackBytes = new long[topics.Partitions];
    }

    /// <summary>Record bytes written so far to each deliveries partition.</summary>
    public long[] DeliveryBytes { get; }

    public long[] FeedbackBytes { get; }

    public long Produced { get; private set; }

    public void Produce(in TrafficEvent e)
    {
        // Produce copies key and value into librdkafka's queue before it returns, so the message object is reused.
        _message.Key = e.Key;
        _message.Value = e.Value;
        _message.Timestamp = new Timestamp(e.TimestampMs, TimestampType.CreateTime);
        var target = e.IsDelivery ? _deliveries[e.Partition] : _feedback[e.Partition];
        while (true)
        {
            try
            {
                _producer.Produce(target, _message);
                break;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }

        (e.IsDelivery ? DeliveryBytes : FeedbackBytes)[e.Partition] += e.Key.Length + e.Value.Length + RecordOverhead;
        Produced++;
    }

    public void Flush()
    {
        if (_producer.Flush(TimeSpan.FromSeconds(60)) > 0)
        {
            throw new InvalidOperationException("producer could not flush within 60 s");
        }
    }

    public void Dispose() => _producer.Dispose();
}
