using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Cli;
using QualityStream.Worker.Redis;
using QualityStream.Worker.Tests.Infrastructure;

namespace QualityStream.Worker.Tests.Cli;

/// <summary><c>keys create|list|revoke</c> run in-process against a real redis-server, as the worker binary runs it.</summary>
public sealed partial class KeyCommandTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();

    [Fact]
    public async Task Create_PrintsTheKeyOnceWithHowToUseIt_AndRedisKeepsOnlyItsHashNameAndTime()
    {
        var run = await RunAsync("create", "--role", "buyer", "--buyer", "acme-auto", "--name", "acme portal");

        Assert.Equal((KeyCommand.Done, ""), (run.Exit, run.Err));
        var key = Assert.Single(NewKey().Matches(run.Out).Select(m => m.Value).Distinct());
        Assert.Contains($"Buyer page: http://localhost:8080/buyer?key={key}", run.Out, StringComparison.Ordinal);
        Assert.Contains($"keys revoke {ApiKeys.Hash(key)[..12]}", run.Out, StringComparison.Ordinal);
        var stored = await redis.Redis.GetDatabase().HashGetAllAsync(new RedisKeys(_prefix).ApiKeys);
        var entry = Assert.Single(stored);
        Assert.Equal(ApiKeys.Hash(key), entry.Name.ToString());
        var value = JsonDocument.Parse(entry.Value.ToString()).RootElement;
        Assert.Equal(["role", "buyerId", "name", "createdAt"], value.EnumerateObject().Select(p => p.Name));
        Assert.Equal("acme portal", value.GetProperty("name").GetString());
        Assert.InRange(value.GetProperty("createdAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        var store = new ApiKeyStore(redis.Redis, new RedisKeys(_prefix), Options.Create(new ApiKeyOptions()), TimeProvider.System, NullLogger<ApiKeyStore>.Instance);
        Assert.Equal(new ApiKeyRecord("buyer", "acme-auto"), (await store.FindAsync(key))! with { Name = null, CreatedAt = null });
    }

    [Fact]
    public async Task Create_BoardKey_PrintsTheBoardLinkOnTheConfiguredPort()
    {
        var run = await RunAsync(new Dictionary<string, string?> { ["Http:Port"] = "9080" }, "create", "--role=board");

        Assert.Equal(KeyCommand.Done, run.Exit);
        Assert.Matches(@"Board: +http://localhost:9080/\?key=qs_[0-9a-f]{48}\n", run.Out);
    }

    [Fact]
    public async Task List_ShowsIdRoleBuyerCreationAndName_NeverAKey()
    {
        var board = NewKey().Match((await RunAsync("create", "--role", "board", "--name", "lobby screen")).Out).Value;
        await ApiKeys.AddAsync(redis.Redis.GetDatabase(), _prefix, "hand-made", QualityRoles.Buyer, "acme-auto");
        await redis.Redis.GetDatabase().HashSetAsync(new RedisKeys(_prefix).ApiKeys, ApiKeys.Hash("broken"), """{"role":"root"}""");

        var run = await RunAsync("list");

        Assert.Equal((KeyCommand.Done, ""), (run.Exit, run.Err));
        var lines = run.Out.TrimEnd().Split('\n').Select(l => Regex.Split(l.TrimEnd(), " {2,}")).ToList();
        Assert.Equal(["ID", "ROLE", "BUYER", "CREATED", "NAME"], lines[0]);
        Assert.Contains([ApiKeys.Hash("hand-made")[..12], "buyer", "acme-auto", "-", "-"], lines);
        Assert.Contains([ApiKeys.Hash("broken")[..12], "?", "-", "-", "refused: its value role must be admin, board or buyer; got 'root'"], lines);
        var row = Assert.Single(lines, l => l[0] == ApiKeys.Hash(board)[..12]);
        Assert.Equal("board", row[1]);
        Assert.Equal("lobby screen", row[4]);
        Assert.DoesNotContain(board, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeys.Hash(board), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_RemovesTheKey_AndAnUnknownIdFailsWithExit1()
    {
        var key = NewKey().Match((await RunAsync("create", "--role", "admin")).Out).Value;
        var id = ApiKeys.Hash(key)[..12];

        var revoke = await RunAsync("revoke", id);
        var again = await RunAsync("revoke", id);

        Assert.Equal(KeyCommand.Done, revoke.Exit);
        Assert.StartsWith($"Revoked API key {id}: role admin.", revoke.Out, StringComparison.Ordinal);
        Assert.False(await redis.Redis.GetDatabase().HashExistsAsync(new RedisKeys(_prefix).ApiKeys, ApiKeys.Hash(key)));
        Assert.Equal(KeyCommand.Failed, again.Exit);
        Assert.Equal($"keys: no API key has id {id} in {_prefix}qs:apikeys; `keys list` shows the ids\n", again.Err);
    }

    [Theory]
    [InlineData("", "keys: expected create, list or revoke (keys --help shows the usage)")]
    [InlineData("rotate", "keys: unknown command 'rotate'; expected create, list or revoke")]
    [InlineData("create", "create: --role: is required (admin, board or buyer)")]
    [InlineData("create --role root", "create: --role: must be admin, board or buyer; got 'root'")]
    [InlineData("create --role buyer", "create: --buyer: a buyer key needs a buyerId")]
    [InlineData("create --role buyer --buyer acme/auto", "create: --buyer: buyerId 'acme/auto' may contain only A–Z, a–z, 0–9, '.', '_' and '-'")]
    [InlineData("create --role board --buyer acme-auto", "create: --buyer: only buyer keys belong to a buyer; board keys see every buyer")]
    [InlineData("create --role", "create: --role needs a value")]
    [InlineData("create --role --name x", "create: --role needs a value")]
    [InlineData("create --role board --role admin", "create: --role is given twice")]
    [InlineData("create --roles board", "create: unknown option '--roles'; expected --role, --buyer or --name")]
    [InlineData("create board", "create: unexpected argument 'board'")]
    [InlineData("list all", "list: takes no arguments; got 'all'")]
    [InlineData("revoke", "revoke: expected exactly one key id (`keys list` shows them)")]
    [InlineData("revoke 3f9a", "revoke: '3f9a' is not a key id: the 12 hex characters `keys list` shows")]
    public async Task BadArguments_PrintOneLineNamingTheProblem_AndExit2(string args, string error)
    {
        var run = await RunAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal((KeyCommand.BadArguments, "", error + "\n"), (run.Exit, run.Out, run.Err));
        Assert.Empty(await redis.Redis.GetDatabase().HashGetAllAsync(new RedisKeys(_prefix).ApiKeys));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("create --help")]
    [InlineData("help")]
    public async Task Help_PrintsTheUsage_AndExits0(string args)
    {
        var run = await RunAsync(args.Split(' '));

        Assert.Equal((KeyCommand.Done, KeyCommandLine.Usage, ""), (run.Exit, run.Out, run.Err));
        Assert.StartsWith("usage: keys create --role admin|board|buyer [--buyer BUYER_ID] [--name NAME]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableRedis_FailsWithExit1_NamingTheEndpointAndSetting()
    {
        var port = FreePort.Next();

        var run = await RunAsync(new Dictionary<string, string?> { ["Redis:Configuration"] = $"127.0.0.1:{port}" }, "list");

        Assert.Equal(KeyCommand.Failed, run.Exit);
        Assert.StartsWith($"keys: cannot reach Redis at 127.0.0.1:{port} (Redis:Configuration)", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidKeyPrefix_FailsWithExit1_NamingTheSetting()
    {
        var run = await RunAsync(new Dictionary<string, string?> { ["Redis:KeyPrefix"] = "a b" }, "list");

        Assert.Equal((KeyCommand.Failed, "keys: Redis:KeyPrefix may contain only A–Z, a–z, 0–9, '.', '_', ':' and '-'\n"), (run.Exit, run.Err));
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunAsync([], args);

    private async Task<(int Exit, string Out, string Err)> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Server.Configuration,
            ["Redis:KeyPrefix"] = _prefix,
        }).AddInMemoryCollection(settings).Build();
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await KeyCommand.RunAsync(args, configuration, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [GeneratedRegex("qs_[0-9a-f]{48}")]
    private static partial Regex NewKey();
}
