using QualityStream.Core.Thresholds;
using StackExchange.Redis;

namespace QualityStream.Worker.Redis;

/// <summary>The Redis key and channel names of docs/contract.md §4 and §7, under the configured <see cref="RedisOptions.KeyPrefix"/>.</summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix ?? "";

    /// <summary>Hash of one metric's thresholds: field = scope, value = threshold JSON.</summary>
    public RedisKey Thresholds(Metric metric) => $"{Prefix}qs:thresholds:{metric.Code()}";

    /// <summary>Channel on which writers publish the name of the metric whose thresholds they changed.</summary>
    public RedisChannel ThresholdsChanged => RedisChannel.Literal($"{Prefix}qs:thresholds:changed");

    /// <summary>Hash of API keys: field = lowercase hex SHA-256 of the key, value = role JSON.</summary>
    public RedisKey ApiKeys => $"{Prefix}qs:apikeys";

    /// <summary>
    /// One partition task's checkpoint: its state and the offsets it reflects, in one value, so writing it is atomic.
    /// Per consumer group, since two groups reading the same topics keep apart states.
    /// </summary>
    public RedisKey Checkpoint(string groupId, int partition) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix}qs:checkpoint:{groupId}:{partition}");

    /// <summary>Hash of the incident ledger: field = incidentId, value = the stored record JSON.</summary>
    public RedisKey Incidents => $"{Prefix}qs:incidents";

    /// <summary>Sorted set of incident ids by the unix milliseconds they opened, for time-range queries and trimming.</summary>
    public RedisKey IncidentsOpened => $"{Prefix}qs:incidents:opened";

    /// <summary>Sorted set of closed incident ids by the unix milliseconds they closed.</summary>
    public RedisKey IncidentsClosed => $"{Prefix}qs:incidents:closed";

    /// <summary>Set of the ids of incidents still open.</summary>
    public RedisKey IncidentsOpen => $"{Prefix}qs:incidents:open";

    /// <summary>Sorted set of one buyer's notices: member = the notice JSON as sent, score = its unix milliseconds.</summary>
    public RedisKey Notices(string buyerId) => $"{Prefix}qs:notices:{buyerId}";

    /// <summary>Set of the buyers that have notices kept.</summary>
    public RedisKey NoticeBuyers => $"{Prefix}qs:notices:buyers";

    /// <summary>
    /// One day (UTC) of a cell-window's rate history at one resolution (<c>5m</c> or <c>1h</c>): fixed-size slots, one a
    /// step, written in place.
    /// </summary>
    public RedisKey History(string resolution, string cell, string window, DateOnly day) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix}qs:history:{resolution}:{window}:{cell}:{day:yyyyMMdd}");

    /// <summary>Sorted set of the cells with rate history: member = <c>scope|buyer|source</c>, score = last point's unix milliseconds.</summary>
    public RedisKey HistoryCells => $"{Prefix}qs:history:cells";
}
