using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using QualityStream.Core.Engine;
using QualityStream.Core.Snapshots;
using QualityStream.Harness.Infrastructure;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Harness.Ceiling;

/// <summary>
/// The measured bound: the stages the issue requires and nothing else, on the worker's two-thread layout. One thread
/// reads with the bare consumer's client and decodes and inspects (the worker's own <see cref="EventPreparer"/>), and
/// hands batches through a bounded queue to a second that applies them to an engine. No pair merge, outputs, metrics,
/// offsets or dead letters: its ratio to the bare consumer is what the required work alone reaches in practice, where
/// the computed bound assumes every stage at its solo speed and both cores busy all the time. It is not a strict upper
/// bound on the worker: it runs in the harness process beside the broker, and without a merge it holds feedback read
/// before its lead.
/// </summary>
public sealed class MinimalWorker(BenchTopics topics, int expectedLeadsPerDay)
{
    // Mirror the worker's hand-over (its ingestion service's batch size, its Handover's bound on batches in flight),
    // which the harness cannot see: change them together with the worker's, or the ratio compares two layouts.
    private const int MaxBatch = 1000;
    private const int MaxBatchesInFlight = 4;

    // Kept from chunk to chunk, as the worker's engine is: its tables hold every lead read so far.
    private readonly QualityEngine _engine = new(new QualityEngineOptions { ExpectedLeadsPerDay = expectedLeadsPerDay }, TimeProvider.System);
    private readonly EventPreparer _preparer = new(TimeProvider.System);

    /// <summary>
    /// Feedback read before its lead, held and applied once the lead came: the engine work a pair merge saves. Only
    /// read after <see cref="Read"/> returns.
    /// </summary>
    public long Held { get; private set; }

    public PhaseTiming Read(string bootstrapServers, IReadOnlyDictionary<TopicPartition, long> start, long expected)
    {
        using var consumer = BareConsumer.Assigned(bootstrapServers, start, "minimal worker");
        using var batches = new BlockingCollection<List<PreparedEvent>>(MaxBatchesInFlight);
        long first = 0;
        long last = 0;
        Exception? failure = null;
        var applier = new Thread(() =>
        {
            try
            {
                last = Apply(batches);
            }
            catch (Exception ex)
            {
                failure = ex;
                // Keeps taking, so the reader is never blocked on a full queue; it fails once it is done.
                foreach (var _ in batches.GetConsumingEnumerable())
                {
                }
            }
        }) { Name = "minimal-apply", IsBackground = true };
        applier.Start();
        try
        {
            long read = 0;
            var batch = new List<PreparedEvent>(MaxBatch);
            var idle = Stopwatch.StartNew();
            while (read < expected)
            {
                var message = consumer.Consume(batch.Count == 0 ? TimeSpan.FromMilliseconds(200) : TimeSpan.Zero);
                if (message is null)
                {
                    if (batch.Count > 0)
                    {
                        batches.Add(batch);
                        batch = new List<PreparedEvent>(MaxBatch);
                    }
                    else if (idle.Elapsed > TimeSpan.FromSeconds(20))
                    {
                        throw new TimeoutException($"minimal worker read {read} of {expected} and then nothing for 20 s");
                    }

                    continue;
                }

                first = read == 0 ? Stopwatch.GetTimestamp() : first;
                read++;
                idle.Restart();
                var (key, value) = (message.Message.Key, message.Message.Value);
                batch.Add(message.Topic == topics.Deliveries ? _preparer.Delivery(key, value) : _preparer.Feedback(key, value));
                if (batch.Count == MaxBatch)
                {
                    batches.Add(batch);
                    batch = new List<PreparedEvent>(MaxBatch);
                }
            }

            if (batch.Count > 0)
            {
                batches.Add(batch);
            }
        }
        finally
        {
            batches.CompleteAdding();
            applier.Join();
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"minimal worker failed: {failure.Message}", failure);
        }

        consumer.Close();
        // As the bare consumer's: from the first event read to the last one applied, the first not counted.
        return new PhaseTiming(expected, expected - 1, Stopwatch.GetElapsedTime(first, last));
    }

    private long Apply(BlockingCollection<List<PreparedEvent>> batches)
    {
        var changes = new List<QualityStateChanged>();
        var expired = new List<ExpiredFeedback>();
        long last = 0;
        foreach (var batch in batches.GetConsumingEnumerable())
        {
            foreach (var e in batch)
            {
                if (e.IsRejected)
                {
                    throw new InvalidOperationException($"the ceiling's traffic must decode; got {e.Reason}: {e.Detail}");
                }

                var result = e.Feedback is { } feedback ? _engine.Apply(feedback) : _engine.Apply(e.Lead);
                Held += result.Outcome == ApplyOutcome.Pending ? 1 : 0;
                _engine.DrainStateChanges(changes);
                _engine.DrainExpiredFeedback(expired);
                changes.Clear();
                expired.Clear();
            }

            last = Stopwatch.GetTimestamp();
        }

        return last;
    }
}
