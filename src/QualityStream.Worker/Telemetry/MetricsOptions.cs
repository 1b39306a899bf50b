using System.ComponentModel.DataAnnotations;

namespace QualityStream.Worker.Telemetry;

public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Most cells exported as per-cell series; warning/breach cells always are (docs/contract.md §9).</summary>
    [Range(1, 1_000_000)]
    public int MaxCells { get; init; } = 5000;
}
