using System.ComponentModel.DataAnnotations;

namespace QualityStream.Worker.Redis;

/// <summary>Settings of the Redis connection that holds thresholds and API keys (section <c>Redis</c>).</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c> or <c>redis:6379,password=…</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Redis:Configuration is required, e.g. localhost:6379")]
    public string Configuration { get; set; } = "localhost:6379";

    /// <summary>
    /// Prepended to every key and channel name (<c>{KeyPrefix}qs:thresholds:{metric}</c>). Empty in production; tests
    /// give each case its own prefix so they can share one server, and several tenants could share one Redis the same way.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._:-]*$", ErrorMessage = "Redis:KeyPrefix may contain only A–Z, a–z, 0–9, '.', '_', ':' and '-'")]
    public string KeyPrefix { get; set; } = "";

    /// <summary>How often every threshold is re-read even without a change message (docs/contract.md §4: 30 s).</summary>
    [Range(1, 3600, ErrorMessage = "Redis:ReloadSeconds must be between 1 and 3600")]
    public int ReloadSeconds { get; set; } = 30;
}
