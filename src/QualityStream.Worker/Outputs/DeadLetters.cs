using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using QualityStream.Core.Events;
using QualityStream.Worker.Pipeline;
using QualityStream.Worker.Kafka;
using QualityStream.Worker.Telemetry;

namespace QualityStream.Worker.Outputs;

/// <summary>
/// Sends an event that cannot be applied to <c>quality-deadletter</c>: original key and bytes, reason headers (contract
/// §6). A record too large for the dead-letter topic keeps its headers and a prefix of its bytes, with
/// <c>qs-truncated</c> giving the original size; should the broker still refuse it, it is sent once more with headers
/// only, which name the source topic, partition and offset where the whole original still is. Writing one never stops
/// ingestion.
/// </summary>
public sealed class DeadLetters(OutputProducer producer, OutputTopology topology, QualityMetrics metrics, IOptions<KafkaOptions> options,
    ILogger<DeadLetters> logger)
{
    public const string TruncatedHeader = "qs-truncated";
    public const string TruncatedKeyHeader = "qs-truncated-key";

    // A key longer than this is cut too when the record does not fit; a key is an id, a long one is itself bad input.
    private const int KeptKeyBytes = 1024;

    private readonly string _topic = options.Value.Topics.DeadLetter;
    private readonly int _maxBytes = options.Value.DeadLetterMaxBytes;

    /// <summary>Dead-letters <paramref name="source"/>, from the task of <paramref name="position"/> (its partition of the topic, its headers).</summary>
    public void Write(FeedbackSource source, RejectionReason reason, string detail, string stream, InputPosition position)
    {
        ArgumentNullException.ThrowIfNull(source);
        var headers = OutputHeaders.Of(stream, null, position.Format());
        headers.Add("qs-error", Encoding.UTF8.GetBytes(reason.Code()));
        headers.Add("qs-error-detail", Encoding.UTF8.GetBytes(detail));
        headers.Add("qs-source-topic", Encoding.UTF8.GetBytes(source.Topic));
        headers.Add("qs-source-partition", Encoding.UTF8.GetBytes(Number(source.Partition)));
        headers.Add("qs-source-offset", Encoding.UTF8.GetBytes(Number(source.Offset)));
        var target = topology.For(_topic, position.Partition);
        var (key, value) = Fit(source.Key, source.Value, headers);
        producer.Produce(target, key, value, headers, error =>
        {
            if (error.Code == ErrorCode.MsgSizeTooLarge && value is { Length: > 0 })
            {
                // The topic's own limit is below ours: the headers alone still say what failed and where the original is.
                logger.LogWarning("Dead letter of {Topic}[{Partition}]@{Offset} refused as too large ({Reason}); sending its headers only",
                    source.Topic, source.Partition, source.Offset, error.Reason);
                var bare = Without(headers, TruncatedHeader);
                bare.Add(TruncatedHeader, Encoding.UTF8.GetBytes(Number(source.Value?.Length ?? 0)));
                producer.Produce(target, key, [], bare);
            }
            else
            {
                producer.Report(_topic, error);
            }
        });
        metrics.Event(source.Topic, reason.Code());
        logger.LogDebug("Dead-lettered {Topic}[{Partition}]@{Offset}: {Reason} {Detail}", source.Topic, source.Partition, source.Offset, reason.Code(), detail);
    }

    /// <summary>The key and value to send: the originals when they fit the limit with the headers, else cut to fit.</summary>
    private (byte[]? Key, byte[]? Value) Fit(byte[]? key, byte[]? value, Headers headers)
    {
        var headerBytes = headers.Sum(h => h.Key.Length + h.GetValueBytes().Length);
        if ((key?.Length ?? 0) + (value?.Length ?? 0) + headerBytes <= _maxBytes)
        {
            return (key, value);
        }

        if (key is { Length: > KeptKeyBytes })
        {
            headers.Add(TruncatedKeyHeader, Encoding.UTF8.GetBytes(Number(key.Length)));
            key = key[..KeptKeyBytes];
        }

        headers.Add(TruncatedHeader, Encoding.UTF8.GetBytes(Number(value?.Length ?? 0)));
        var room = Math.Max(0, _maxBytes - (key?.Length ?? 0) - headers.Sum(h => h.Key.Length + h.GetValueBytes().Length));
        return (key, value is null ? null : value[..Math.Min(room, value.Length)]);
    }

    private static Headers Without(Headers headers, string name)
    {
        var copy = new Headers();
        foreach (var h in headers.Where(h => h.Key != name))
        {
            copy.Add(h.Key, h.GetValueBytes());
        }

        return copy;
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
