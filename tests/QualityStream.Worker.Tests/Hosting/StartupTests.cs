using QualityStream.Worker.Tests.EndToEnd;

namespace QualityStream.Worker.Tests.Hosting;

/// <summary>Bad settings stop start-up with one line naming the setting and a non-zero exit; so does a stop of ingestion.</summary>
[Collection(WorkerTests.Name)]
public sealed class StartupTests(BrokerFixture broker, RedisServer redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Kafka:BootstrapServers", "--Kafka:BootstrapServers=")]
    [InlineData("Kafka:MaxIdleMs", "--Kafka:MaxIdleMs=soon")]
    [InlineData("Kafka:MaxIdleMs", "--Kafka:MaxIdleMs=-5")]
    [InlineData("Kafka:DeadLetterMaxBytes", "--Kafka:DeadLetterMaxBytes=5000000")]
    [InlineData("Redis:Configuration", "--Redis:Configuration=,,,")]
    [InlineData("Quality:Windows", "--Quality:Windows:0=fortnight")]
    [InlineData("Http:Port", "--Http:Port=70000")]
    [InlineData("Http:ManagementPort", "--Http:ManagementPort=0")]
    [InlineData("Ledger:RetentionDays", "--Ledger:RetentionDays=0")]
    [InlineData("Board:TimeZone", "--Board:TimeZone=Mars/Olympus")]
    [InlineData("Board:OvernightFrom", "--Board:OvernightFrom=6pm")]
    public async Task AnInvalidSetting_PrintsOneLineNamingIt_AndExitsWithoutStartingAnything(string setting, string arg)
    {
        var args = new List<string> { "--Kafka:BootstrapServers=127.0.0.1:1", "--Http:Port=0" };
        args.Add(arg);

        var (code, output, error) = await WorkerProcess.RunAsync(args, Timeout);

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("qualitystream: invalid setting ", line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestionThatStopsOnItsOwn_EndsTheProcessWithANonZeroExitCode()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        broker.Cluster.CreateTopic($"d-{id}", 4);
        broker.Cluster.CreateTopic($"f-{id}", 3);

        var (code, output, error) = await WorkerProcess.RunAsync(
        [
            $"--Kafka:BootstrapServers={broker.Cluster.BootstrapServers}", $"--Kafka:GroupId=g-{id}", "--Http:Port=0",
            $"--Kafka:Topics:Deliveries=d-{id}", $"--Kafka:Topics:Feedback=f-{id}", $"--Redis:Configuration={redis.Configuration}",
        ], Timeout);

        Assert.True(code == 1, $"exit code {code}; printed:\n{output}\n{error}");
        Assert.Contains("are not co-partitioned", output + error, StringComparison.Ordinal);
    }
}
