using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Cli;
using StackExchange.Redis;

namespace QualityStream.Deploy.Tests;

/// <summary>docker-compose's <c>keys-init</c>: its command, run through the worker's own <c>keys</c> code against a real Redis.</summary>
public sealed partial class ComposeKeysTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly JsonNode Services = YamlToJson.File(RepoPaths.Of("docker-compose.yml"))!["services"]!;

    [Fact]
    public void KeysInit_RunsTheWorkerImageOnceRedisIsHealthy_WithTheWorkersRedis()
    {
        var init = Services["keys-init"]!;
        var worker = Services["worker"]!;

        Assert.Equal(worker["image"]!.ToString(), init["image"]!.ToString());
        Assert.Equal("service_healthy", init["depends_on"]?["redis"]?["condition"]?.ToString());
        Assert.Equal(worker["environment"]!["Redis__Configuration"]!.ToString(), init["environment"]!["Redis__Configuration"]!.ToString());
        Assert.Equal("no", init["restart"]?.ToString());
        Assert.Contains("8080:8080", worker["ports"]!.AsArray().Select(p => p!.ToString()));
    }

    [Fact]
    public async Task KeysInitCommand_CreatesABoardKey_AndPrintsTheBoardLinkForTheHost()
    {
        var command = Services["keys-init"]!["command"]!.AsArray().Select(a => a!.ToString()).ToArray();
        var prefix = $"t{Guid.NewGuid():N}:";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Configuration,
            ["Redis:KeyPrefix"] = prefix,
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.True(KeyCommand.IsRequested(command));
        var exit = await KeyCommand.RunAsync(command[1..], configuration, output, error);

        Assert.Equal((KeyCommand.Done, ""), (exit, error.ToString()));
        var key = BoardLink().Match(output.ToString()).Groups[1].Value;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var stored = await connection.GetDatabase().HashGetAsync($"{prefix}qs:apikeys", ApiKeys.Hash(key));
        Assert.True(ApiKeyRecord.TryParse(stored.ToString(), out var record, out var why), why);
        Assert.Equal(("board", "compose-board"), (record!.Role, record.Name));
    }

    [GeneratedRegex(@"http://localhost:8080/\?key=(qs_[0-9a-f]{48})\s")]
    private static partial Regex BoardLink();
}
