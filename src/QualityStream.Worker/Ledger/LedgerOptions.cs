using System.ComponentModel.DataAnnotations;

namespace QualityStream.Worker.Ledger;

/// <summary>Settings of the incident ledger, the notices history and the rate history (section <c>Ledger</c>).</summary>
public sealed class LedgerOptions
{
    public const string SectionName = "Ledger";

    /// <summary>How long a closed incident and a buyer's notices are kept; open incidents are kept while open.</summary>
    [Range(1, 3650, ErrorMessage = "Ledger:RetentionDays must be between 1 and 3650")]
    public int RetentionDays { get; init; } = 90;

    /// <summary>The most notices kept per buyer, newest kept, so one noisy buyer cannot fill Redis.</summary>
    [Range(1, 100_000, ErrorMessage = "Ledger:NoticesPerBuyer must be between 1 and 100000")]
    public int NoticesPerBuyer { get; init; } = 500;

    /// <summary>How often the rate history takes a point of the cells this worker holds (into the current 5-minute slot).</summary>
    [Range(1, 300, ErrorMessage = "Ledger:HistoryFlushSeconds must be between 1 and 300")]
    public int HistoryFlushSeconds { get; init; } = 60;

    /// <summary>How often closed incidents past the retention are removed.</summary>
    [Range(1, 86_400, ErrorMessage = "Ledger:TrimIntervalSeconds must be between 1 and 86400")]
    public int TrimIntervalSeconds { get; init; } = 3600;
}
