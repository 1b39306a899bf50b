using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using QualityStream.Core.Serialization;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Kafka;
using QualityStream.Worker.Outputs;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Checkpoints;

/// <summary>
/// Reads back what a task sent after its checkpoint: its outputs topics' partitions from where the checkpoint marked
/// them to their end, keeping the records of its stream (and of the source stage, for the task that hosts it). The
/// topics are the record of what users saw; a restored task replays its input without sending any of it again.
/// </summary>
public sealed class OutputReadBack(IOptions<KafkaOptions> options, BrokerConnectivity brokers, ILogger<OutputReadBack> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly KafkaOptions _options = options.Value;

    public (ReplayedOutputs Task, List<QualityStateChanged> Sources) Read(int partition, long afterSeq, long sourcesAfterSeq, IReadOnlyList<OutputMark> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var stream = QualityPipeline.StreamOf(partition);
        var replay = new ReplayedOutputs { Until = new InputPosition(partition, 0, 0) };
        var sources = new List<QualityStateChanged>();
        if (marks.Count == 0)
        {
            return (replay, sources);
        }

        var config = KafkaConfigs.Consumer(_options);
        config.GroupId = $"{_options.GroupId}-readback";
        config.EnableAutoCommit = false;
        config.EnablePartitionEof = true;
        config.ConsumeResultFields = "topic,headers";
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetErrorHandler((_, e) => brokers.OnError(e))
            .SetLogHandler(KafkaLog.Handler(logger))
            .Build();
        var ends = new Dictionary<TopicPartition, long>();
        var starts = new List<TopicPartitionOffset>();
        foreach (var mark in marks)
        {
            var tp = new TopicPartition(mark.Topic, mark.Partition);
            var end = consumer.QueryWatermarkOffsets(tp, Timeout).High.Value;
            if (end > mark.Offset)
            {
                ends[tp] = end;
                starts.Add(new TopicPartitionOffset(tp, mark.Offset));
            }
        }

        if (starts.Count > 0)
        {
            consumer.Assign(starts);
            ReadToEnds(consumer, ends, stream, partition, afterSeq, sourcesAfterSeq, replay, sources);
        }

        replay.Changes.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        sources.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return (replay, sources);
    }

    private void ReadToEnds(IConsumer<byte[], byte[]> consumer, Dictionary<TopicPartition, long> ends, string stream, int partition,
        long afterSeq, long sourcesAfterSeq, ReplayedOutputs replay, List<QualityStateChanged> sources)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (ends.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new KafkaException(new Error(ErrorCode.Local_TimedOut, $"reading back the outputs of {stream} did not reach their end"));
            }

            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null)
            {
                continue;
            }

            var tp = record.TopicPartition;
            if (!record.IsPartitionEOF)
            {
                Take(record, stream, partition, afterSeq, sourcesAfterSeq, replay, sources);
            }

            if (record.IsPartitionEOF || record.Offset.Value + 1 >= ends.GetValueOrDefault(tp))
            {
                ends.Remove(tp);
            }
        }
    }

    private void Take(ConsumeResult<byte[], byte[]> record, string stream, int partition, long afterSeq, long sourcesAfterSeq,
        ReplayedOutputs replay, List<QualityStateChanged> sources)
    {
        var headers = record.Message.Headers;
        var from = OutputHeaders.Text(headers, OutputHeaders.Stream);
        var isSources = from == Core.Engine.SourceStage.DefaultStream && QualityPipeline.HostsSources(partition);
        if (from != stream && !isSources)
        {
            return;
        }

        if (InputPosition.TryParse(partition, OutputHeaders.Text(headers, OutputHeaders.Input), out var at) && !isSources)
        {
            replay.Until = new InputPosition(partition, Math.Max(replay.Until.Delivery, at.Delivery), Math.Max(replay.Until.Feedback, at.Feedback));
        }

        if (record.Topic == _options.Topics.StateChanges)
        {
            var change = JsonSerializer.Deserialize(record.Message.Value, QualityJsonContext.Default.QualityStateChanged)!;
            if (isSources && change.Seq > sourcesAfterSeq)
            {
                sources.Add(change);
            }
            else if (!isSources && change.Seq > afterSeq)
            {
                replay.Changes.Add(change);
            }
        }
        else if (record.Topic == _options.Topics.Notices && !isSources)
        {
            replay.NoticeIds.Add(JsonSerializer.Deserialize(record.Message.Value, QualityJsonContext.Default.BuyerNotice)!.NoticeId);
        }
        else if (record.Topic == _options.Topics.DeadLetter && !isSources
            && OutputHeaders.Text(headers, "qs-source-topic") is { } topic
            && long.TryParse(OutputHeaders.Text(headers, "qs-source-offset"), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            replay.DeadLetters.Add(ReplayedOutputs.DeadLetterKey(topic, offset));
        }
    }
}
