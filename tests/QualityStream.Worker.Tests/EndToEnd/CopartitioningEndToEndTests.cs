using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using QualityStream.Worker.Ingestion;

namespace QualityStream.Worker.Tests.EndToEnd;

[Collection(WorkerTests.Name)]
public sealed class CopartitioningEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    [Fact]
    public async Task InputTopicsWithDifferentPartitionCounts_StopTheWorkerWithAClearReason()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration, feedbackPartitions: 3, waitUntilReady: false);
        var stopping = worker.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        await Poll.UntilAsync(() => stopping.IsCancellationRequested, TimeSpan.FromSeconds(20), "the worker stopping");

        var health = await worker.Services.GetRequiredService<IngestionStatus>().CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("are not co-partitioned", health.Description, StringComparison.Ordinal);
        Assert.Contains("(4 partitions)", health.Description, StringComparison.Ordinal);
        Assert.Contains("(3 partitions)", health.Description, StringComparison.Ordinal);
    }
}
