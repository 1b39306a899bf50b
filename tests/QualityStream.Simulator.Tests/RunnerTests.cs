using System.Text.Json;
using Confluent.Kafka;
using QualityStream.EmbeddedKafka;
using QualityStream.Simulator.Running;

namespace QualityStream.Simulator.Tests;

public sealed class RunnerTests
{
    [Fact]
    public async Task Runner_ProducesToKafkaAtTheRate_WithEventTimesAsRecordTimestamps()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        Topics.CreateDefaults(cluster, 4);
        var options = new SimulatorOptions
        {
            BootstrapServers = cluster.BootstrapServers, Rate = 500, Duration = TimeSpan.FromSeconds(3), Seed = 4, Incidents = [],
        };
        var log = new StringWriter();

        var stats = await new SimulatorRunner(options, TimeProvider.System, log).RunAsync(CancellationToken.None);

        Assert.Equal(1500, stats.Deliveries);
        Assert.Equal(0, stats.Failed);
        Assert.Contains("deliveries", log.ToString(), StringComparison.Ordinal);
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers, GroupId = "check", AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(Topics.LeadDeliveries);
        var received = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received < stats.Deliveries)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {received} of {stats.Deliveries} deliveries consumed");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } r)
            {
                continue;
            }

            received++;
            using var json = JsonDocument.Parse(r.Message.Value);
            Assert.Equal(json.RootElement.GetProperty("buyerId").GetString(), r.Message.Key);
            Assert.Equal(json.RootElement.GetProperty("deliveredAt").GetDateTimeOffset(), r.Message.Timestamp.UtcDateTime);
        }

        consumer.Close();
    }
}
