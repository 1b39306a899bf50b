using System.ComponentModel.DataAnnotations;

namespace QualityStream.Worker.Api;

public sealed class HttpOptions
{
    public const string SectionName = "Http";

    [Range(0, 65535)]
    public int Port { get; init; } = 8080;
}
