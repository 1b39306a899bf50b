using Microsoft.Extensions.Options;
using QualityStream.Worker.Kafka;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Checkpoints;

/// <summary>
/// Task checkpoints in Redis, one key per task of the consumer group, written whole with one SET (a reader sees the old
/// checkpoint or the new one, never half of each). Redis errors surface as <see cref="RedisException"/> or
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

    public Task SaveAsync(int partition, byte[] checkpoint) =>
        redis.GetDatabase().StringSetAsync(keys.Checkpoint(_group, partition), checkpoint);
}
