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
}
