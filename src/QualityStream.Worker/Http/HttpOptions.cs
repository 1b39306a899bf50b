using System.ComponentModel.DataAnnotations;

namespace QualityStream.Worker.Http;

public sealed class HttpOptions
{
    public const string SectionName = "Http";

    /// <summary>Board, APIs, hub and probes (docs/contract.md §7).</summary>
    [Range(0, 65535)]
    public int Port { get; init; } = 8080;

    /// <summary><c>/metrics</c> and the probes, kept off the public port: a scrape names every buyer and costs CPU.</summary>
    [Range(1, 65535)]
    public int ManagementPort { get; init; } = 9464;
}
