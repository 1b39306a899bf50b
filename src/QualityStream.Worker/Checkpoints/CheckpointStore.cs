using Microsoft.Extensions.Options;
using QualityStream.Worker.Kafka;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Checkpoints;

/// <summary>
/// Task checkpoints in Redis, one key per task of the consumer group, each written whole (a reader sees the old checkpoint
/// or the new one, never half of each). Redis errors surface as <see cref="RedisException"/> or
/// <see cref="TimeoutException"/>; the callers retry.
/// </summary>
public sealed class CheckpointStore(IConnectionMultiplexer redis, RedisKeys keys, IOptions<KafkaOptions> kafka)
{
    private readonly string _group = kafka.Value.GroupId;

    public async Task<byte[]?> LoadAsync(int partition)
    {
        var value = await redis.GetDatabase().StringGetAsync(keys.Checkpoint(_group, partition));
        return value.IsNull ? null : (byte[])value!;
    }

    /// <summary>
    /// Writes the checkpoints of several tasks with one MSET, so they are all written or none is: the source stage's
    /// host must never be older than the tasks it has summed.
    /// </summary>
    public Task SaveAsync(IReadOnlyList<(int Partition, byte[] Checkpoint)> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        return redis.GetDatabase().StringSetAsync(
            [.. checkpoints.Select(c => new KeyValuePair<RedisKey, RedisValue>(keys.Checkpoint(_group, c.Partition), c.Checkpoint))]);
    }
}
