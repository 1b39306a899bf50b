using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Telemetry;
using QualityStream.Worker.Outputs;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Ingestion;

/// <summary>
/// The at-least-once consume loop: both input topics in one consumer group, pairs merged by timestamp, every event
/// applied or dead-lettered, offsets stored only after the outputs of the events before them are acknowledged.
/// </summary>
public sealed partial class KafkaIngestionService(
    QualityPipeline pipeline,
    DeadLetters deadLetters,
    OutputProducer outputs,
    QualityMetrics metrics,
    IngestionStatus status,
    IOptions<KafkaOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<KafkaIngestionService> logger) : BackgroundService
{
    private readonly KafkaOptions _options = options.Value;
    private readonly Dictionary<int, PartitionPair> _pairs = [];
    private readonly Dictionary<TopicPartition, Offset> _processed = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private IConsumer<byte[], byte[]>? _consumer;
    private IDisposable? _expired;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A dedicated thread: Consume() blocks, and the loop must never wait behind the thread pool.
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        try
        {
            CopartitioningCheck.Verify(_options);
            _expired = pipeline.ExpiredFeedback.Subscribe(e =>
            {
                if (e.Tag is ConsumeResult<byte[], byte[]> source)
                {
                    deadLetters.Write(source, e.Reason, e.Detail);
                }
                else
                {
                    logger.LogWarning("Held feedback {EventId} expired as {Reason} without its original message: {Detail}", e.Feedback.EventId, e.Reason, e.Detail);
                }
            });
            using var consumer = BuildConsumer();
            _consumer = consumer;
            consumer.Subscribe([_options.Topics.Deliveries, _options.Topics.Feedback]);
            Loop(consumer, stop);
            StoreProcessed(consumer, TimeSpan.FromSeconds(10));
            consumer.Close();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is KafkaException or InvalidOperationException)
        {
            logger.LogCritical(ex, "Kafka ingestion stopped: {Reason}. The worker shuts down rather than run without input.", ex.Message);
            status.Failed(ex.Message);
            lifetime.StopApplication();
        }
        finally
        {
            _expired?.Dispose();
        }
    }

    private void Loop(IConsumer<byte[], byte[]> consumer, CancellationToken stop)
    {
        var lastStore = 0L;
        var lastLag = 0L;
        while (!stop.IsCancellationRequested)
        {
            var waiting = _pairs.Values.Sum(p => p.Count) > 0;
            var message = consumer.Consume(waiting ? TimeSpan.FromMilliseconds(5) : TimeSpan.FromMilliseconds(100));
            for (var n = 0; message is not null && n < 2000; n++)
            {
                Accept(message);
                message = consumer.Consume(TimeSpan.Zero);
            }

            if (message is not null)
            {
                Accept(message);
            }

            DrainPairs();
            var now = _clock.ElapsedMilliseconds;
            if (now - lastStore >= _options.CommitIntervalMs)
            {
                StoreProcessed(consumer, TimeSpan.FromMilliseconds(_options.CommitIntervalMs));
                lastStore = now;
            }

            if (now - lastLag >= 5000)
            {
                ReportLag(consumer);
                lastLag = now;
            }
        }
    }

    private void Accept(ConsumeResult<byte[], byte[]> message)
    {
        var isDelivery = message.Topic == _options.Topics.Deliveries;
        var pair = Pair(message.Partition.Value);
        if (message.IsPartitionEOF)
        {
            if (isDelivery)
            {
                pair.DeliveriesAtEnd = true;
            }
            else
            {
                pair.FeedbackAtEnd = true;
            }

            return;
        }

        pair.Enqueue(message, isDelivery, _clock.ElapsedMilliseconds);
    }

    private void DrainPairs()
    {
        var now = _clock.ElapsedMilliseconds;
        foreach (var pair in _pairs.Values)
        {
            while (pair.Next(now, _options.MaxIdleMs) is { } message)
            {
                Process(message);
            }
        }
    }

    private void Process(ConsumeResult<byte[], byte[]> message)
    {
        var producedAt = message.Message.Timestamp.Type == TimestampType.NotAvailable ? (DateTimeOffset?)null : message.Message.Timestamp.UtcDateTime;
        var value = message.Message.Value ?? [];
        var result = message.Topic == _options.Topics.Deliveries
            ? pipeline.ProcessDelivery(value, producedAt)
            : pipeline.ProcessFeedback(value, message, producedAt);
        if (result.IsRejected)
        {
            deadLetters.Write(message, result.Reason!.Value, result.Detail!);
        }
        else if (result.Outcome != ProcessResult.Held.Outcome)
        {
            metrics.Event(message.Topic, result.Outcome);
        }

        for (var i = 0; i < result.ReleasedFeedback; i++)
        {
            metrics.Event(_options.Topics.Feedback, ProcessResult.Applied.Outcome);
        }

        _processed[message.TopicPartition] = message.Offset;
    }

    private PartitionPair Pair(int partition)
    {
        if (!_pairs.TryGetValue(partition, out var pair))
        {
            _pairs[partition] = pair = new PartitionPair();
        }

        return pair;
    }

    /// <summary>Stores the offsets after the processed events, but only once every output sent so far is acknowledged.</summary>
    private void StoreProcessed(IConsumer<byte[], byte[]> consumer, TimeSpan flushTimeout, IEnumerable<TopicPartition>? only = null)
    {
        if (_processed.Count == 0)
        {
            return;
        }

        if (!outputs.Flush(flushTimeout))
        {
            logger.LogWarning("Outputs not yet acknowledged; offsets stay unstored until they are");
            return;
        }

        foreach (var tp in (only ?? _processed.Keys).ToList())
        {
            if (_processed.Remove(tp, out var offset))
            {
                consumer.StoreOffset(new TopicPartitionOffset(tp, offset + 1));
            }
        }
    }

    private void ReportLag(IConsumer<byte[], byte[]> consumer)
    {
        foreach (var tp in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(tp);
            // A partition nothing was read from yet has no position: its lag counts from its start.
            var position = consumer.Position(tp);
            var from = position != Offset.Unset ? position : watermarks.Low;
            if (watermarks.High != Offset.Unset && from != Offset.Unset)
            {
                metrics.Lag(tp.Topic, tp.Partition.Value, Math.Max(0, watermarks.High.Value - from.Value));
            }
        }
    }
}
