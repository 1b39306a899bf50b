using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QualityStream.Worker.Ingestion;

namespace QualityStream.Worker.Tests.EndToEnd;

[Collection(WorkerTests.Name)]
public sealed class RebalanceEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    [Fact]
    public async Task AWorkerJoiningTheGroup_TakesOverAfterTheCommittedOffsets_NeitherRepeatingNorSkippingAnEvent()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Checkpoints:IntervalSeconds"] = "1" });
        Produce(worker, 0, 8);
        await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= 8, TimeSpan.FromSeconds(20));
        await Poll.UntilAsync(() => Committed(worker) == 8, TimeSpan.FromSeconds(20), "the first round's offsets to be committed");

        await using var member = await worker.StartMemberAsync();
        Produce(worker, 8, 16);
        var letters = await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= 17, TimeSpan.FromSeconds(15));

        Assert.Equal(Enumerable.Range(0, 16).Select(Malformed).Order(StringComparer.Ordinal), letters.Select(l => l.Message.Value).Order(StringComparer.Ordinal));
        Assert.True(member.Services.GetRequiredService<IngestionStatus>().AssignedCount > 0);
        Assert.True(worker.Services.GetRequiredService<IngestionStatus>().AssignedCount > 0);
    }

    [Fact]
    public async Task ACommitRefusedWhileTheGroupReforms_LeavesTheWorkerRunning_AndRepeatsOrLosesNoEvent()
    {
        // An hour between checkpoints: nothing is committed before the join, so the revoke has to commit, and the
        // embedded broker refuses commits while the group re-forms. The checkpoint the revoke writes holds the offsets
        // anyway: the next owner restores it and reads on from there, so nothing is lost or sent twice, and the worker
        // must stay in the group.
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration,
            new Dictionary<string, string?> { ["Checkpoints:IntervalSeconds"] = "3600" });
        Produce(worker, 0, 8);
        await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count >= 8, TimeSpan.FromSeconds(20));

        await using var member = await worker.StartMemberAsync();
        await Poll.UntilAsync(() => worker.Services.GetRequiredService<IngestionStatus>().AssignedCount > 0, TimeSpan.FromSeconds(30), "the first worker to get partitions back");
        Produce(worker, 8, 16);
        var letters = await worker.ReadTopicAsync(worker.DeadLetter, r => Enumerable.Range(0, 16).All(i => r.Any(l => l.Message.Value == Malformed(i))), TimeSpan.FromSeconds(20));

        Assert.All(Enumerable.Range(0, 16), i => Assert.Contains(letters, l => l.Message.Value == Malformed(i)));
        Assert.Equal(16, (await worker.ReadTopicAsync(worker.DeadLetter, r => r.Count > 16, TimeSpan.FromSeconds(3))).Count);
        Assert.False(worker.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the first worker stopped");
    }

    // Keys spread the events over every partition, so both members own some of each round.
    private static void Produce(WorkerUnderTest worker, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            worker.Produce(worker.Deliveries, $"buyer-{i}", Malformed(i));
        }

        worker.Flush();
    }

    /// <summary>The group's committed offsets on the deliveries topic, summed over its partitions.</summary>
    private static long Committed(WorkerUnderTest worker)
    {
        using var reader = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = worker.Kafka.BootstrapServers, GroupId = worker.GroupId }).Build();
        var partitions = Enumerable.Range(0, 4).Select(p => new TopicPartition(worker.Deliveries, p));
        return reader.Committed(partitions, TimeSpan.FromSeconds(5)).Sum(tpo => Math.Max(0, tpo.Offset.Value));
    }

    private static string Malformed(int i) => $"{{not json {i}";
}
