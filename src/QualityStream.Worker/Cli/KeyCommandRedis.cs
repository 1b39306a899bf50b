using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using QualityStream.Worker.Redis;
using StackExchange.Redis;

namespace QualityStream.Worker.Cli;

/// <summary>The Redis settings of the worker's configuration, checked as the worker checks them, and a connection from them.</summary>
internal static class KeyCommandRedis
{
    public static bool TryReadOptions(IConfiguration configuration, [NotNullWhen(true)] out RedisOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = new RedisOptions();
        try
        {
            configuration.GetSection(RedisOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            options = null;
            error = $"keys: invalid Redis settings: {e.Message}";
            return false;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            options = null;
            error = $"keys: {results[0].ErrorMessage}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>A connection, or one line saying why there is none; unlike the worker, this command does not wait for Redis.</summary>
    public static async Task<(IConnectionMultiplexer? Redis, string? Error)> ConnectAsync(RedisOptions options)
    {
        ConfigurationOptions config;
        try
        {
            config = ConfigurationOptions.Parse(options.Configuration);
        }
        catch (ArgumentException e)
        {
            return (null, $"keys: Redis:Configuration is not a valid StackExchange.Redis configuration: {e.Message}");
        }

        config.AbortOnConnectFail = true;
        var endpoints = string.Join(", ", config.EndPoints);
        try
        {
            return (await ConnectionMultiplexer.ConnectAsync(config), null);
        }
        catch (RedisConnectionException e)
        {
            // The client's message goes on to advise abortConnect=false, which suits a service, not this command.
            return (null, $"keys: cannot reach Redis at {endpoints} (Redis:Configuration): {e.FailureType}");
        }
    }
}
