using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using QualityStream.Core.Decoding;
using QualityStream.Core.Events;
using QualityStream.Worker.Ingestion;
using QualityStream.Worker.Telemetry;

namespace QualityStream.Worker.Outputs;

/// <summary>Sends an event that cannot be applied to <c>quality-deadletter</c>: original key and bytes, reason headers (CONTRACTS §6).</summary>
public sealed class DeadLetters(OutputProducer producer, QualityMetrics metrics, IOptions<KafkaOptions> options, ILogger<DeadLetters> logger)
{
    private readonly string _topic = options.Value.Topics.DeadLetter;

    public void Write(ConsumeResult<byte[], byte[]> source, RejectionReason reason, string detail)
    {
        ArgumentNullException.ThrowIfNull(source);
        var headers = new Headers
        {
            { "qs-error", Encoding.UTF8.GetBytes(reason.Code()) },
            { "qs-error-detail", Encoding.UTF8.GetBytes(detail) },
            { "qs-source-topic", Encoding.UTF8.GetBytes(source.Topic) },
            { "qs-source-partition", Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
            { "qs-source-offset", Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
        };
        producer.Produce(_topic, source.Message.Key, source.Message.Value, headers);
        metrics.Event(source.Topic, reason.Code());
        logger.LogDebug("Dead-lettered {Topic}[{Partition}]@{Offset}: {Reason} {Detail}", source.Topic, source.Partition.Value, source.Offset.Value, reason.Code(), detail);
    }
}
