using Confluent.Kafka;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Ingestion;

namespace QualityStream.Worker.Outputs;

/// <summary>
/// The one idempotent producer for everything the worker writes (state changes, notices, dead letters). The consumer
/// flushes it before storing offsets, so an offset is stored only once the outputs of the events before it are durable.
/// </summary>
public sealed class OutputProducer : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly ILogger<OutputProducer> _logger;
    private long _failures;

    public OutputProducer(IOptions<KafkaOptions> options, ILogger<OutputProducer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _producer = new ProducerBuilder<byte[], byte[]>(KafkaConfigs.Producer(options.Value))
            .SetErrorHandler((_, e) => _logger.LogError("Kafka producer error: {Reason} (fatal: {Fatal})", e.Reason, e.IsFatal))
            .Build();
    }

    /// <summary>Sends whose delivery failed after all retries; each is logged.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public void Produce(string topic, byte[]? key, byte[]? value, Headers? headers = null) =>
        _producer.Produce(topic, new Message<byte[], byte[]> { Key = key!, Value = value!, Headers = headers }, report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref _failures);
                _logger.LogError("Could not write to {Topic}: {Reason}", topic, report.Error.Reason);
            }
        });

    /// <summary>Waits until every send so far is acknowledged; false if some are still in flight after <paramref name="timeout"/>.</summary>
    public bool Flush(TimeSpan timeout) => _producer.Flush(timeout) == 0;

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
