using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;

namespace QualityStream.Worker.Hubs;

/// <summary>What the server pushes to hub clients (docs/contract.md §8). Method names are the wire names.</summary>
public interface IQualityClient
{
    Task StateChanged(QualityStateChanged change);

    Task RatesUpdated(IReadOnlyList<RateUpdate> rates);

    Task Notice(BuyerNotice notice);

    /// <summary>
    /// The cells this worker holds changed (partition tasks came or went, in a rebalance or a restore): reload the
    /// snapshot, so that cells of tasks moved elsewhere leave the page at once.
    /// </summary>
    Task Resync();
}
