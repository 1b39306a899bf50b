using System.Diagnostics;
using System.Runtime.ExceptionServices;
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
    // Messages handed to the decode thread at a time: large enough to amortise the hand-over, small enough that the
    // engine starts on a backlog within a millisecond or so.
    private const int MaxBatch = 1000;

    // The longest a head waits for the other side of its pair while that side is known to have unread messages.
    private const long MaxBacklogWaitMs = 5_000;

    private readonly KafkaOptions _options = options.Value;
    private readonly Dictionary<int, PartitionPair> _pairs = [];
    // The per-event counters, resolved once: a labelled lookup per event costs more than the count itself.
    private readonly Prometheus.Counter.Child _appliedDeliveries = metrics.EventCounter(options.Value.Topics.Deliveries, ProcessResult.Applied.Outcome);
    private readonly Prometheus.Counter.Child _appliedFeedback = metrics.EventCounter(options.Value.Topics.Feedback, ProcessResult.Applied.Outcome);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private IConsumer<byte[], byte[]>? _consumer;
    private IDisposable? _expired;
    private long _arrivals;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A dedicated thread: Consume() blocks, and the loop must never wait behind the thread pool.
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        // Named for profilers and `top -H`: the thread that consumes, merges and applies.
        Thread.CurrentThread.Name = "qs-consume";
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
            using var decode = new DecodeAhead(pipeline.CreatePreparer());
            _consumer = consumer;
            consumer.Subscribe([_options.Topics.Deliveries, _options.Topics.Feedback]);
            Loop(consumer, decode, stop);
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

    private void Loop(IConsumer<byte[], byte[]> consumer, DecodeAhead decode, CancellationToken stop)
    {
        var lastStore = 0L;
        var lastLag = 0L;
        var batch = new List<Inbound>();
        while (!stop.IsCancellationRequested)
        {
            if (decode.Full)
            {
                // Enough read ahead: let the decode thread catch up before fetching more.
                decode.WaitForProgress(TimeSpan.FromMilliseconds(100));
            }
            else
            {
                // Block only when there is nothing else to do: no batch being decoded, and no head waiting for its pair.
                var timeout = decode.Pending ? TimeSpan.Zero : _pairs.Values.Any(p => p.Count > 0) ? TimeSpan.FromMilliseconds(5) : TimeSpan.FromMilliseconds(100);
                var message = consumer.Consume(timeout);
                // One clock reading per burst: the idle wait is measured in tens of milliseconds.
                var arrivedMs = _clock.ElapsedMilliseconds;
                for (; message is not null; message = consumer.Consume(TimeSpan.Zero))
                {
                    Accept(message, batch, arrivedMs);
                    if (batch.Count == MaxBatch)
                    {
                        break;
                    }
                }

                if (batch.Count > 0)
                {
                    decode.Submit(batch);
                    batch = [];
                }
                else if (decode.Pending)
                {
                    // Nothing new to read: wait for the decode thread rather than spin.
                    decode.WaitForProgress(TimeSpan.FromMilliseconds(5));
                }
            }

            DrainPairs(consumer, decode.PreparedThrough);
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

    private void Accept(ConsumeResult<byte[], byte[]> message, List<Inbound> batch, long arrivedMs)
    {
        var isDelivery = message.Topic == _options.Topics.Deliveries;
        var pair = Pair(message.Partition.Value);
        var arrival = _arrivals++;
        if (message.IsPartitionEOF)
        {
            pair.ReachedEnd(isDelivery, arrival);
            return;
        }

        var inbound = new Inbound(message, isDelivery, arrival, arrivedMs);
        pair.Enqueue(inbound);
        batch.Add(inbound);
    }

    private void DrainPairs(IConsumer<byte[], byte[]> consumer, long preparedThrough)
    {
        var now = _clock.ElapsedMilliseconds;
        foreach (var (partition, pair) in _pairs)
        {
            while (true)
            {
                // Before a head goes alone: if the side it waits for still has unread messages, it keeps waiting, as
                // they are on their way and going alone would let feedback overtake its lead in a backlog (Kafka
                // Streams, too, does not count idle time while a partition's lag is known and non-zero). Bounded,
                // because the cached high watermark may stay above the position for good (a transaction marker can
                // end a partition): no head waits forever.
                if (pair.IdleRunOut(now, _options.MaxIdleMs, out var forDeliveries) is { } head && now - head.ArrivedMs < MaxBacklogWaitMs
                    && Behind(consumer, forDeliveries ? _options.Topics.Deliveries : _options.Topics.Feedback, partition))
                {
                    head.WaitingSinceMs = now;
                }

                if (pair.Next(now, _options.MaxIdleMs, preparedThrough) is not { } message)
                {
                    break;
                }

                Process(pair, message);
            }
        }
    }

    /// <summary>Whether the last fetch saw messages beyond the consumer's position (both figures are local, no request).</summary>
    private static bool Behind(IConsumer<byte[], byte[]> consumer, string topic, int partition)
    {
        var tp = new TopicPartition(topic, partition);
        var high = consumer.GetWatermarkOffsets(tp).High;
        try
        {
            var position = consumer.Position(tp);
            return high != Offset.Unset && position != Offset.Unset && high.Value > position.Value;
        }
        catch (KafkaException)
        {
            // Not assigned here (another member has it): nothing of it will come, so nothing to wait for.
            return false;
        }
    }

    private void Process(PartitionPair pair, Inbound inbound)
    {
        if (inbound.Failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        var message = inbound.Message;
        var producedAt = message.Message.Timestamp.Type == TimestampType.NotAvailable ? (DateTimeOffset?)null : message.Message.Timestamp.UtcDateTime;
        var result = pipeline.Apply(inbound.Prepared, inbound.IsDelivery ? null : message, producedAt);
        if (result.IsRejected)
        {
            deadLetters.Write(message, result.Reason!.Value, result.Detail!);
        }
        else if (ReferenceEquals(result.Outcome, ProcessResult.Applied.Outcome))
        {
            (inbound.IsDelivery ? _appliedDeliveries : _appliedFeedback).Inc();
        }
        else if (result.Outcome != ProcessResult.Held.Outcome)
        {
            metrics.Event(message.Topic, result.Outcome);
        }

        if (result.ReleasedFeedback > 0)
        {
            _appliedFeedback.Inc(result.ReleasedFeedback);
        }

        pair.Processed(inbound.IsDelivery, message.Offset.Value);
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
    private void StoreProcessed(IConsumer<byte[], byte[]> consumer, TimeSpan flushTimeout, IReadOnlyCollection<TopicPartition>? only = null)
    {
        if (!_pairs.Values.Any(p => p.UnstoredDeliveries >= 0 || p.UnstoredFeedback >= 0))
        {
            return;
        }

        if (!outputs.Flush(flushTimeout))
        {
            logger.LogWarning("Outputs not yet acknowledged; offsets stay unstored until they are");
            return;
        }

        foreach (var (partition, pair) in _pairs)
        {
            Store(consumer, pair, new TopicPartition(_options.Topics.Deliveries, partition), deliveries: true, only);
            Store(consumer, pair, new TopicPartition(_options.Topics.Feedback, partition), deliveries: false, only);
        }
    }

    private static void Store(IConsumer<byte[], byte[]> consumer, PartitionPair pair, TopicPartition tp, bool deliveries, IReadOnlyCollection<TopicPartition>? only)
    {
        if ((only is null || only.Contains(tp)) && pair.TakeUnstored(deliveries) is var offset and >= 0)
        {
            consumer.StoreOffset(new TopicPartitionOffset(tp, offset + 1));
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
