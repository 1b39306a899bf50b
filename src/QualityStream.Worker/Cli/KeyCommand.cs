using QualityStream.Worker.Auth;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Cli;

/// <summary>
/// <c>keys create|list|revoke</c> (<see cref="KeyCommandLine.Usage"/>): API keys managed from a shell, against the Redis
/// of the worker's configuration, without starting the web host or Kafka. A new key is printed once, with how to use it.
/// </summary>
public static class KeyCommand
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public static bool IsRequested(IReadOnlyList<string> args) => args is ["keys", ..];

    /// <summary>The worker's <c>keys …</c> on the console, with the configuration the worker itself would read.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // The web builder's sources (appsettings, environment), without the command line: its words are not settings.
        var configuration = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] }).Configuration;
        return RunAsync(args[1..], configuration, Console.Out, Console.Error);
    }

    /// <summary>Runs the command in <paramref name="args"/> (the words after <c>keys</c>); returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!KeyCommandLine.TryParse(args, out var parsed, out var problem))
        {
            await error.WriteLineAsync(problem);
            return BadArguments;
        }

        if (parsed.Verb == KeyCommandVerb.Help)
        {
            await output.WriteAsync(KeyCommandLine.Usage);
            return Done;
        }

        if (!KeyCommandRedis.TryReadOptions(configuration, out var options, out problem))
        {
            await error.WriteLineAsync(problem);
            return Failed;
        }

        var connected = await KeyCommandRedis.ConnectAsync(options);
        if (connected.Redis is not { } redis)
        {
            await error.WriteLineAsync(connected.Error);
            return Failed;
        }

        await using (redis)
        {
            var registry = new ApiKeyRegistry(redis, new RedisKeys(options.KeyPrefix), TimeProvider.System);
            var print = new KeyCommandOutput(output, error, configuration, registry.HashKey);
            try
            {
                return parsed.Verb switch
                {
                    KeyCommandVerb.Create => await print.CreatedAsync(await registry.CreateAsync(parsed.Access!)),
                    KeyCommandVerb.List => await print.ListAsync(await registry.ListAsync()),
                    _ => await print.RevokedAsync(parsed.Id!, await registry.RevokeAsync(parsed.Id!)),
                };
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                await error.WriteLineAsync($"keys: Redis failed, nothing was changed unless it says so above: {e.Message}");
                return Failed;
            }
        }
    }
}
