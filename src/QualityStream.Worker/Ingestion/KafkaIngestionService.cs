using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using QualityStream.Core.Events;
using QualityStream.Worker.Checkpoints;
using QualityStream.Worker.Kafka;
using QualityStream.Worker.Outputs;
using QualityStream.Worker.Pipeline;
using QualityStream.Worker.Telemetry;

namespace QualityStream.Worker.Ingestion;

/// <summary>
/// The at-least-once consume loop, on two threads. The reader (<c>qs-consume</c>) reads both input topics in one consumer
/// group and decodes each message as it comes, while the message is still in its cache; the applier (<c>qs-apply</c>)
/// merges each partition pair by timestamp, applies or dead-letters every event and stores offsets only after the
/// outputs of the events before them are acknowledged. The two halves overlap on two cores; <see cref="Handover"/> is
/// the only way between them, and everything about pairs and offsets happens on the applier.
/// </summary>
public sealed partial class KafkaIngestionService(
    QualityPipeline pipeline,
    DeadLetters deadLetters,
    QualityMetrics metrics,
    IngestionStatus status,
    BrokerConnectivity brokers,
    TaskCheckpointer checkpointer,
    OutputTopology topology,
    IOptions<KafkaOptions> options,
    IOptions<CheckpointOptions> checkpoints,
    IHostApplicationLifetime lifetime,
    ILogger<KafkaIngestionService> logger) : BackgroundService
{
    // Messages handed to the applier at a time: large enough to amortise the hand-over, small enough that the engine
    // starts on a backlog within a millisecond or so.
    private const int MaxBatch = 1000;

    private readonly KafkaOptions _options = options.Value;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private IDisposable? _expired;
    private long _arrivals;
    private CancellationToken _stop;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A dedicated thread: Consume() blocks, and the loop must never wait behind the thread pool.
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        // Named for profilers and `top -H`: the thread that consumes and decodes.
        Thread.CurrentThread.Name = "qs-consume";
        _stop = stop;
        try
        {
            WaitForTopics(stop);
            _expired = pipeline.ExpiredFeedback.Subscribe(e =>
            {
                if (e.Expired.Source is { } source)
                {
                    deadLetters.Write(source, e.Expired.Reason, e.Expired.Detail, e.Stream, e.Position);
                }
                else
                {
                    logger.LogWarning("Held feedback {EventId} expired as {Reason} without its original message: {Detail}",
                        e.Expired.Feedback.EventId, e.Expired.Reason, e.Expired.Detail);
                }
            });
            // Disposed after the consumer, whose close may still run the rebalance handlers through it.
            using var handover = new Handover();
            using var consumer = BuildConsumer(handover);
            var applier = new Thread(() => ApplyLoop(consumer, handover)) { Name = "qs-apply", IsBackground = true };
            applier.Start();
            try
            {
                consumer.Subscribe([_options.Topics.Deliveries, _options.Topics.Feedback]);
                ReadLoop(consumer, handover, pipeline.CreatePreparer(), stop);
                // After every batch read so far is merged and applied: the next owner restores exactly this state.
                handover.Invoke(() => checkpointer.WriteAll(consumer, wait: true));
                CommitStored(consumer);
                consumer.Close();
            }
            finally
            {
                handover.Complete();
                applier.Join();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is KafkaException or InvalidOperationException)
        {
            Stop(ex.Message, ex is KafkaException ? ex : null);
        }
        finally
        {
            _expired?.Dispose();
        }
    }

    /// <summary>
    /// Checks that the input topics are co-partitioned (contract §2), retrying while the brokers cannot be asked: a
    /// worker started before its broker waits for it instead of exiting. A definite answer that they are not stops
    /// the worker.
    /// </summary>
    private void WaitForTopics(CancellationToken stop)
    {
        while (true)
        {
            try
            {
                var partitions = CopartitioningCheck.Verify(_options, brokers, logger);
                topology.Know(partitions);
                pipeline.SetPartitionCount(partitions[_options.Topics.Deliveries]);
                status.WaitingFor(null);
                return;
            }
            catch (KafkaException ex) when (!ex.Error.IsFatal)
            {
                status.WaitingFor($"topic metadata from the brokers ({ex.Error.Reason})");
                brokers.OnError(new Error(ErrorCode.Local_AllBrokersDown, $"no metadata for the input topics: {ex.Error.Reason}"));
                stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
                stop.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Ingestion cannot go on: say why once, mark the worker failed (it exits non-zero) and stop it.</summary>
    private void Stop(string reason, Exception? detail)
    {
        logger.LogCritical(detail, "Kafka ingestion stopped: {Reason} The worker shuts down rather than run without input.", reason.TrimEnd('.') + ".");
        status.Failed(reason);
        lifetime.StopApplication();
    }

    private void ReadLoop(IConsumer<byte[], byte[]> consumer, Handover handover, EventPreparer preparer, CancellationToken stop)
    {
        var batch = new List<Inbound>();
        while (!stop.IsCancellationRequested)
        {
            handover.ThrowIfFailed();
            var message = consumer.Consume(TimeSpan.FromMilliseconds(100));
            // One clock reading per burst: the idle wait is measured in tens of milliseconds.
            var arrivedMs = _clock.ElapsedMilliseconds;
            if (message is not null)
            {
                brokers.OnReachable();
            }

            for (; message is not null; message = consumer.Consume(TimeSpan.Zero))
            {
                batch.Add(Read(message, preparer, arrivedMs));
                if (batch.Count == MaxBatch)
                {
                    break;
                }
            }

            if (batch.Count > 0)
            {
                handover.Submit(batch);
                batch = [];
            }
        }
    }

    /// <summary>A consumed message, decoded (and, for a delivery, inspected) unless it only marks a partition's end.</summary>
    private Inbound Read(ConsumeResult<byte[], byte[]> message, EventPreparer preparer, long arrivedMs)
    {
        var isDelivery = message.Topic == _options.Topics.Deliveries;
        var inbound = new Inbound(message, isDelivery, _arrivals++, arrivedMs);
        if (!message.IsPartitionEOF)
        {
            try
            {
                var (key, value) = (message.Message.Key ?? [], message.Message.Value ?? []);
                inbound.Prepared = isDelivery ? preparer.Delivery(key, value) : preparer.Feedback(key, value);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A defect, not bad input; still, one message must not stop every buyer's monitoring: it is
                // dead-lettered in its turn with what went wrong, and logged.
                logger.LogError(ex, "Preparing {Topic}[{Partition}]@{Offset} failed", message.Topic, message.Partition.Value, message.Offset.Value);
                inbound.Prepared = PreparedEvent.Rejected(RejectionReason.Schema, $"the worker could not read this event: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return inbound;
    }
}
