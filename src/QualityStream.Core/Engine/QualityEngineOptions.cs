namespace QualityStream.Core.Engine;

/// <summary>Engine settings (configuration section <c>Quality</c>, docs/contract.md §10).</summary>
public sealed class QualityEngineOptions
{
    public const string SectionName = "Quality";

    public static readonly IReadOnlyList<string> DefaultWindows = ["1h", "24h"];

    /// <summary>
    /// Sliding event-time windows, e.g. <c>1h</c>, <c>24h</c>; empty means <see cref="DefaultWindows"/>. The default is not
    /// put in the list itself because configuration binding appends to a list instead of replacing it.
    /// </summary>
    public IList<string> Windows { get; init; } = [];

    /// <summary>The windows in force: the configured ones, or the defaults.</summary>
    public IReadOnlyList<string> WindowNames => Windows.Count > 0 ? [.. Windows] : DefaultWindows;

    public int DuplicateLookbackDays { get; init; } = 30;

    /// <summary>Days after delivery in which a return counts; later ones are <c>late_return</c>.</summary>
    public IDictionary<string, int> ReturnWindowDays { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["auto_insurance"] = 10,
        ["health_insurance"] = 10,
        ["life_insurance"] = 10,
        ["medicare"] = 10,
        ["mortgage"] = 7,
        ["legal"] = 5,
        ["default"] = 7,
    };

    /// <summary>How long (event time) feedback for a lead not seen yet is held before it is an orphan.</summary>
    public int OrphanGraceSeconds { get; init; } = 300;

    /// <summary>
    /// While a task's input is quiet (read to its end), its time follows the wall clock this far behind, so windows still
    /// slide and quiet cells still close overnight, while events on their way (up to this late) are not overtaken.
    /// </summary>
    public int QuietLagSeconds { get; init; } = 30;

    /// <summary>
    /// Capacity hint: leads delivered per day to this worker. The engine sizes its tables for that volume up front
    /// (tracked leads over the retention, their phone and email fingerprints over the duplicate lookback, feedback ids),
    /// because growing a table copies it within one Apply: at millions of entries that call stalls ingestion. The
    /// tables hold the fingerprints of a whole lookback, so the memory is several KB of heap per lead a day (bench/README.md,
    /// memory): the small default suits a small deployment; a busy worker should set its real volume. More leads than
    /// the hint still work: the tables then grow (and stall) as they would from empty.
    /// </summary>
    public int ExpectedLeadsPerDay { get; init; } = 1_000;

    /// <summary>
    /// The most <see cref="ExpectedLeadsPerDay"/> may say: ~15 GB of tables, and with the default lookback its 31 days
    /// of phone and email fingerprints (248 M) still fit the largest table the engine sizes up front (2^28 entries).
    /// </summary>
    public const int MaxExpectedLeadsPerDay = 4_000_000;

    /// <summary>These settings for one task of <paramref name="partitions"/>: tables sized for its share of the leads.</summary>
    public QualityEngineOptions ForShare(int partitions) => new()
    {
        Windows = Windows,
        DuplicateLookbackDays = DuplicateLookbackDays,
        ReturnWindowDays = ReturnWindowDays,
        OrphanGraceSeconds = OrphanGraceSeconds,
        QuietLagSeconds = QuietLagSeconds,
        ExpectedLeadsPerDay = ExpectedLeadsPerDay / Math.Max(1, partitions),
    };

    /// <summary>Every broken rule, naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var name in WindowNames)
        {
            if (!WindowSpec.TryParse(name, out _))
            {
                errors.Add($"Quality:Windows: '{name}' is not a window (a positive whole number followed by s, m, h or d, e.g. 1h)");
            }
        }

        if (WindowNames.Distinct(StringComparer.Ordinal).Count() != WindowNames.Count)
        {
            errors.Add("Quality:Windows: windows must be distinct");
        }

        if (DuplicateLookbackDays is < 1 or > 366)
        {
            errors.Add($"Quality:DuplicateLookbackDays: must be 1..366; got {DuplicateLookbackDays}");
        }

        foreach (var (vertical, days) in ReturnWindowDays)
        {
            if (days is < 1 or > 255)
            {
                errors.Add($"Quality:ReturnWindowDays:{vertical}: must be 1..255 days; got {days}");
            }
        }

        if (!ReturnWindowDays.ContainsKey("default"))
        {
            errors.Add("Quality:ReturnWindowDays:default: required, it applies to verticals without their own window");
        }

        if (OrphanGraceSeconds is < 0 or > 86400)
        {
            errors.Add($"Quality:OrphanGraceSeconds: must be 0..86400; got {OrphanGraceSeconds}");
        }

        if (QuietLagSeconds is < 0 or > 86400)
        {
            errors.Add($"Quality:QuietLagSeconds: must be 0..86400; got {QuietLagSeconds}");
        }

        if (ExpectedLeadsPerDay is < 0 or > MaxExpectedLeadsPerDay)
        {
            errors.Add($"Quality:ExpectedLeadsPerDay: must be 0..{MaxExpectedLeadsPerDay}; got {ExpectedLeadsPerDay}");
        }

        return errors;
    }
}
