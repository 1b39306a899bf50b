using System.Collections.Concurrent;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Worker.Hubs;

namespace QualityStream.Worker.Tests.Hubs;

/// <summary>
/// A hub client whose transport can be held: while held, each change sent is recorded as it starts and completes only
/// once released, as a send to a client that stopped reading stays pending. A rates batch always fails, as a push with
/// a serialisation bug would.
/// </summary>
internal sealed class HeldQualityClient : IQualityClient
{
    private TaskCompletionSource? _held;

    /// <summary>The seq of every change whose send started, in order.</summary>
    public ConcurrentQueue<long> Started { get; } = new();

    public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _held?.TrySetResult();

    public Task StateChanged(QualityStateChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Started.Enqueue(change.Seq);
        return _held?.Task ?? Task.CompletedTask;
    }

    public Task RatesUpdated(IReadOnlyList<RateUpdate> rates) => throw new InvalidOperationException("cannot serialise");

    public Task Notice(BuyerNotice notice) => throw new NotSupportedException();

    public Task Resync() => throw new NotSupportedException();
}
