namespace QualityStream.Core.Thresholds;

/// <summary>Built-in thresholds (docs/contract.md §4), used when Redis holds no <c>default</c> field for a metric.</summary>
public static class ThresholdDefaults
{
    public const string Window = "1h";
    public const int MinSample = 30;
    public const int PendingSeconds = 120;

    /// <summary>On by default, for thresholds stored before the field existed too: small cells must not alarm by chance.</summary>
    public const double Confidence = 0.95;

    // Industry benchmarks from DOMAIN.md: contact 40–70% typical, disputes above 10% signal trouble.
    private static readonly Threshold ValidityDefault = new(Window, Warn: 0.92, Breach: 0.85, Clear: 0.94, MinSample, PendingSeconds);
    private static readonly Threshold DuplicateDefault = new(Window, Warn: 0.05, Breach: 0.10, Clear: 0.04, MinSample, PendingSeconds);
    private static readonly Threshold ContactDefault = new(Window, Warn: 0.50, Breach: 0.40, Clear: 0.55, MinSample, PendingSeconds);
    private static readonly Threshold ReturnDefault = new(Window, Warn: 0.08, Breach: 0.12, Clear: 0.06, MinSample, PendingSeconds);

    public static Threshold For(Metric metric) => metric switch
    {
        Metric.Validity => ValidityDefault,
        Metric.Duplicate => DuplicateDefault,
        Metric.Contact => ContactDefault,
        Metric.Return => ReturnDefault,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };
}
