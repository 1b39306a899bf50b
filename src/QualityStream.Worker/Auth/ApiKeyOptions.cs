using System.ComponentModel.DataAnnotations;

namespace QualityStream.Worker.Auth;

/// <summary>
/// Caching of API-key lookups (section <c>Auth</c>). A revoked key keeps working for up to <see cref="CacheSeconds"/>;
/// a key just created may be refused for up to <see cref="MissCacheSeconds"/> if someone tried it before it existed.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    [Range(0, 3600, ErrorMessage = "Auth:CacheSeconds must be between 0 and 3600")]
    public int CacheSeconds { get; set; } = 30;

    [Range(0, 3600, ErrorMessage = "Auth:MissCacheSeconds must be between 0 and 3600")]
    public int MissCacheSeconds { get; set; } = 5;
}
