using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;

namespace QualityStream.Worker.Hubs;

/// <summary>What the server pushes to hub clients (docs/contract.md §8). Method names are the wire names.</summary>
public interface IQualityClient
{
    Task StateChanged(QualityStateChanged change);

    Task RatesUpdated(IReadOnlyList<RateUpdate> rates);

    Task Notice(BuyerNotice notice);
}
