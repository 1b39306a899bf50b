namespace QualityStream.Worker.Hubs;

/// <summary>SignalR group names. A connection joins exactly one, chosen from its key's claims on connect.</summary>
public static class HubGroups
{
    public const string Board = "board";

    public static string Buyer(string buyerId) => "buyer:" + buyerId;

    /// <summary>Source cells are internal (CONTRACTS §8): only rows with a buyer and not of source scope reach buyers.</summary>
    public static bool IsForBuyer(string scope, string? buyerId) => buyerId is not null && scope != "source";
}
