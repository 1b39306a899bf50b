using System.Collections.Concurrent;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// The connections in <see cref="HubGroups.Board"/>, which the broadcaster writes the rates batch to one by one
/// (see <see cref="HubBroadcaster"/>); kept by the hub as board keys connect and disconnect.
/// </summary>
public sealed class BoardConnections
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);

    public void Add(string connectionId) => _ids[connectionId] = 0;

    public void Remove(string connectionId) => _ids.TryRemove(connectionId, out _);

    public IReadOnlyCollection<string> Ids => [.. _ids.Keys];
}
