using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Telemetry;
using QualityStream.Worker.Outputs;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Ingestion;

/// <summary>
/// The at-least-once consume loop, on two threads. The reader (<c>qs-consume</c>) reads both input topics in one consumer
/// group and decodes each message as it comes, while the message is still in its cache; the applier (<c>qs-apply</c>)
/// merges each partition pair by timestamp, applies or dead-letters every event and stores offsets only after the
/// outputs of the events before them are acknowledged. The two halves overlap on two cores; <see cref="Handover{T}"/> is
/// the only way between them, and everything about pairs and offsets happens on the applier.
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
    // Messages handed to the applier at a time: large enough to amortise the hand-over, small enough that the engine
    // starts on a backlog within a millisecond or so. (Internal for the ceiling harness's minimal worker, which copies
    // the worker's hand-over.)
    internal const int MaxBatch = 1000;

    private readonly KafkaOptions _options = options.Value;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private IDisposable? _expired;
    private long _arrivals;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A dedicated thread: Consume() blocks, and the loop must never wait behind the thread pool.
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        // Named for profilers and `top -H`: the thread that consumes and decodes.
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
            // Disposed after the consumer, whose close may still run the rebalance handlers through it.
            using var handover = new Handover<Inbound>();
            using var consumer = BuildConsumer(handover);
            var applier = new Thread(() => ApplyLoop(consumer, handover)) { Name = "qs-apply", IsBackground = true };
            applier.Start();
            try
            {
                consumer.Subscribe([_options.Topics.Deliveries, _options.Topics.Feedback]);
                ReadLoop(consumer, handover, pipeline.CreatePreparer(), stop);
                // After every batch read so far is merged and applied.
                handover.Invoke(() => StoreProcessed(consumer, TimeSpan.FromSeconds(10)));
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
            logger.LogCritical(ex, "Kafka ingestion stopped: {Reason}. The worker shuts down rather than run without input.", ex.Message);
            status.Failed(ex.Message);
            lifetime.StopApplication();
        }
        finally
        {
            _expired?.Dispose();
        }
    }

    private void ReadLoop(IConsumer<byte[], byte[]> consumer, Handover<Inbound> handover, EventPreparer preparer, CancellationToken stop)
    {
        var batch = new List<Inbound>();
        while (!stop.IsCancellationRequested)
        {
            handover.ThrowIfFailed();
            var message = consumer.Consume(TimeSpan.FromMilliseconds(100));
            // One clock reading per burst: the idle wait is measured in tens of milliseconds.
            var arrivedMs = _clock.ElapsedMilliseconds;
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
                var value = message.Message.Value ?? [];
                inbound.Prepared = isDelivery ? preparer.Delivery(value) : preparer.Feedback(value);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Thrown where the message is applied, in its turn, as if preparing had happened there.
                inbound.Failure = ex;
            }
        }

        return inbound;
    }
}
