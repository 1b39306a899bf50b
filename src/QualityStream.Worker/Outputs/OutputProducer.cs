using Confluent.Kafka;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Kafka;
using QualityStream.Worker.Telemetry;

namespace QualityStream.Worker.Outputs;

/// <summary>
/// The one idempotent producer for everything the worker writes (state changes, notices, dead letters). The consumer
/// flushes it before storing offsets, so an offset is stored only once the outputs of the events before it are settled.
/// A write never throws into the ingestion loop: a full local queue is waited out, and a write that still fails after
/// the client's own retries is logged and counted (<c>qualitystream_output_failures_total</c>), because stopping
/// ingestion over one output would stop every buyer's monitoring for good.
/// </summary>
public sealed class OutputProducer : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly QualityMetrics _metrics;
    private readonly ILogger<OutputProducer> _logger;
    private long _failures;

    public OutputProducer(IOptions<KafkaOptions> options, QualityMetrics metrics, BrokerConnectivity brokers, ILogger<OutputProducer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _logger = logger;
        _producer = new ProducerBuilder<byte[], byte[]>(KafkaConfigs.Producer(options.Value))
            .SetErrorHandler((_, e) =>
            {
                if (e.IsFatal)
                {
                    _logger.LogCritical("Fatal Kafka producer error: {Reason}; outputs can no longer be written", e.Reason);
                }
                else
                {
                    brokers.OnError(e);
                }
            })
            .SetLogHandler(KafkaLog.Handler(_logger))
            .Build();
    }

    /// <summary>
    /// Sends one record. <paramref name="failed"/>, if given, decides what a failed send becomes instead of the report
    /// (it may send again); it runs on the thread that failed, which may be the client's delivery thread.
    /// </summary>
    public void Produce(string topic, byte[]? key, byte[]? value, Headers? headers = null, Action<Error>? failed = null) =>
        Produce(new TopicPartition(topic, Partition.Any), key, value, headers, failed);

    /// <summary>Sends one record to a chosen partition (a task's outputs go to one partition a topic; see <see cref="OutputTopology"/>).</summary>
    public void Produce(TopicPartition target, byte[]? key, byte[]? value, Headers? headers = null, Action<Error>? failed = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var topic = target.Topic;
        var message = new Message<byte[], byte[]> { Key = key!, Value = value!, Headers = headers };
        void Settle(Error error)
        {
            if (failed is not null)
            {
                failed(error);
            }
            else
            {
                Report(topic, error);
            }
        }

        while (true)
        {
            try
            {
                _producer.Produce(target, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        Settle(report.Error);
                    }
                });
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The broker is slower than the outputs (or away): serve delivery reports until there is room, which
                // holds ingestion back rather than dropping what it produced.
                _producer.Poll(TimeSpan.FromMilliseconds(100));
            }
            catch (ProduceException<byte[], byte[]> e)
            {
                Settle(e.Error);
                return;
            }
        }
    }

    /// <summary>A send that failed for good: logged and counted, never thrown.</summary>
    public void Report(string topic, Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Interlocked.Increment(ref _failures);
        _metrics.OutputFailed(topic);
        _logger.LogError("Could not write to {Topic}: {Reason} ({Code})", topic, error.Reason, error.Code);
    }

    /// <summary>How many sends failed for good so far.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Waits until every send so far is settled; false if some are still in flight after <paramref name="timeout"/>.</summary>
    public bool Flush(TimeSpan timeout) => _producer.Flush(timeout) == 0;

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
