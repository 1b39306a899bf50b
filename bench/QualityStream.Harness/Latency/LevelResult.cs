using HdrHistogram;

namespace QualityStream.Harness.Latency;

/// <summary>One load level: target and achieved rates, the probe latency histogram (microseconds) and what went wrong.</summary>
public sealed record LevelResult(
    double Fraction,
    double TargetEps,
    double AchievedEps,
    LongHistogram Latency,
    long Probes,
    long Lost,
    long WrongState,
    long MaxLag,
    long StateChangesReceived,
    string? Aborted)
{
    public double Percentile(double p) => Latency.TotalCount == 0 ? double.NaN : Latency.GetValueAtPercentile(p) / 1000.0;

    public double MaxMs => Latency.TotalCount == 0 ? double.NaN : Latency.GetMaxValue() / 1000.0;
}
