using System.Collections.Concurrent;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Ingestion;

/// <summary>
/// Decodes and inspects consumed messages on a thread of its own, a batch at a time, while the consume thread applies
/// earlier messages to the engine: the two halves of processing overlap on two cores. Batches complete in the order
/// they were submitted, so "prepared through batch n" is one number.
/// </summary>
internal sealed class DecodeAhead : IDisposable
{
    // Bounds the messages fetched but not yet applied; beyond it the consume thread waits instead of reading on.
    private const int MaxBatchesInFlight = 4;

    private readonly EventPreparer _preparer;
    private readonly BlockingCollection<List<Inbound>> _work = new(MaxBatchesInFlight);
    private readonly ManualResetEventSlim _progress = new(false);
    private readonly Thread _thread;
    private long _submitted;
    private long _prepared;

    public DecodeAhead(EventPreparer preparer)
    {
        _preparer = preparer;
        _thread = new Thread(Run) { Name = "qs-decode", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Every batch up to this one is prepared.</summary>
    public long PreparedThrough => Volatile.Read(ref _prepared);

    public bool Pending => PreparedThrough < _submitted;

    public bool Full => _submitted - PreparedThrough >= MaxBatchesInFlight;

    /// <summary>Hands a batch to the decode thread; each message's <see cref="Inbound.Batch"/> is set first.</summary>
    public void Submit(List<Inbound> batch)
    {
        _submitted++;
        foreach (var message in batch)
        {
            message.Batch = _submitted;
        }

        _work.Add(batch);
    }

    /// <summary>Waits until one more batch is prepared, or the timeout passes; returns at once if none is pending.</summary>
    public void WaitForProgress(TimeSpan timeout)
    {
        var seen = PreparedThrough;
        _progress.Reset();
        // Checked after the reset, so a batch completed in between is not missed.
        if (seen < _submitted && PreparedThrough == seen)
        {
            _progress.Wait(timeout);
        }
    }

    private void Run()
    {
        foreach (var batch in _work.GetConsumingEnumerable())
        {
            foreach (var message in batch)
            {
                try
                {
                    var value = message.Message.Message.Value ?? [];
                    message.Prepared = message.IsDelivery ? _preparer.Delivery(value) : _preparer.Feedback(value);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    message.Failure = ex;
                }
            }

            // Publishes the messages' results together with the count (a volatile write is a release).
            Volatile.Write(ref _prepared, _prepared + 1);
            _progress.Set();
        }
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
        _progress.Dispose();
    }
}
