using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// The audiences of hub connections. A connection belongs to exactly one, chosen from its key's claims on connect;
/// pushes are queued per connection by audience (<see cref="HubConnections"/>), not sent to SignalR groups.
/// </summary>
public static class HubGroups
{
    public const string Board = "board";

    public static string Buyer(string buyerId) => "buyer:" + buyerId;

    /// <summary>Source cells are internal (docs/contract.md §8): only rows with a buyer and not of source scope reach buyers.</summary>
    public static bool IsForBuyer(CellScope scope, string? buyerId) => buyerId is not null && scope != CellScope.Source;
}
