using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace QualityStream.Worker.Ingestion;

/// <summary>
/// The way from the thread that reads and decodes to the thread that merges and applies: batches of prepared messages
/// in the order they were read, and requests that must run on the apply thread between two batches (a rebalance, the
/// last offset store), for which the reader waits. If the apply thread fails, the reader learns it at its next call.
/// </summary>
internal sealed class Handover : IDisposable
{
    // Bounds what was read but not yet merged; beyond it the reader waits instead of fetching more.
    private const int MaxItems = 4;

    private readonly BlockingCollection<Item> _items = new(MaxItems);
    private volatile ExceptionDispatchInfo? _failure;

    /// <summary>Hands a batch over, waiting while the apply thread is <see cref="MaxItems"/> behind.</summary>
    public void Submit(List<Inbound> batch) => Add(new Item(batch, null));

    /// <summary>
    /// Runs <paramref name="request"/> on the apply thread once every batch handed over before it is taken, and waits for
    /// it; runs it here instead once the apply thread has stopped taking work (then nothing else touches its state).
    /// What the request throws is rethrown here, to the caller it belongs to.
    /// </summary>
    public void Invoke(Action request)
    {
        using var done = new ManualResetEventSlim(false);
        ExceptionDispatchInfo? thrown = null;
        try
        {
            _items.Add(new Item(null, () =>
            {
                try
                {
                    request();
                }
                catch (Exception ex)
                {
                    thrown = ExceptionDispatchInfo.Capture(ex);
                }
                finally
                {
                    done.Set();
                }
            }));
        }
        catch (InvalidOperationException) when (_items.IsAddingCompleted)
        {
            request();
            return;
        }

        done.Wait();
        thrown?.Throw();
    }

    /// <summary>
    /// On the apply thread: waits up to <paramref name="timeout"/> for the next batch, running any request met on the
    /// way. True with the batch, or with null when the time ran out or a request ran; false once nothing more will come.
    /// </summary>
    public bool Take(TimeSpan timeout, out List<Inbound>? batch)
    {
        batch = null;
        if (!_items.TryTake(out var item, timeout))
        {
            return !_items.IsCompleted;
        }

        if (item.Request is { } request)
        {
            request();
            return true;
        }

        batch = item.Batch;
        return true;
    }

    /// <summary>The reader has nothing more to hand over: the apply thread ends once it has taken everything.</summary>
    public void Complete() => _items.CompleteAdding();

    /// <summary>
    /// On the apply thread, as it stops: remembers why for the reader, runs the requests still waiting (so no caller
    /// waits forever) and drops the batches (their offsets are never stored, so they will be read again).
    /// </summary>
    public void Fail(Exception failure)
    {
        _failure = ExceptionDispatchInfo.Capture(failure);
        _items.CompleteAdding();
        while (_items.TryTake(out var item))
        {
            item.Request?.Invoke();
        }
    }

    /// <summary>Rethrows, on the reader, what stopped the apply thread, if anything did.</summary>
    public void ThrowIfFailed() => _failure?.Throw();

    private void Add(Item item)
    {
        try
        {
            _items.Add(item);
        }
        catch (InvalidOperationException) when (_items.IsAddingCompleted)
        {
            ThrowIfFailed();
            throw;
        }
    }

    public void Dispose() => _items.Dispose();

    private readonly record struct Item(List<Inbound>? Batch, Action? Request);
}
