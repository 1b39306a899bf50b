using System.ComponentModel.DataAnnotations;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// How far a hub connection may fall behind before it is dropped (section <c>Hub</c>). The board and buyer pages
/// reconnect and read the snapshot again, so dropping costs the slow client a resync and no one else anything.
/// </summary>
public sealed class HubOutboxOptions
{
    public const string SectionName = "Hub";

    /// <summary>
    /// Pushes one connection may have waiting. Counted in messages: a queued message is a reference to what every other
    /// connection is sent too, so even a whole rates batch costs a queue slot, not a copy.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Hub:MaxQueuedMessages must be between 1 and 1000000")]
    public int MaxQueuedMessages { get; set; } = 10_000;

    /// <summary>
    /// Longest one push may wait for the connection's transport to take it. SignalR's own transport send timeout is set
    /// beyond it (<see cref="QualityHubExtensions.MapQualityHub"/>), so a client that stops reading is dropped, and
    /// counted, here.
    /// </summary>
    [Range(1, 300, ErrorMessage = "Hub:SendTimeoutSeconds must be between 1 and 300")]
    public int SendTimeoutSeconds { get; set; } = 5;
}
