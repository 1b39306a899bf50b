namespace QualityStream.Core.Thresholds;

public static class Metrics
{
    public static readonly IReadOnlyList<Metric> All = [Metric.Validity, Metric.Duplicate, Metric.Contact, Metric.Return];

    public static string Code(this Metric metric) => metric switch
    {
        Metric.Validity => "validity",
        Metric.Duplicate => "duplicate",
        Metric.Contact => "contact",
        Metric.Return => "return",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary>Validity and contact are bad when low; duplicate and return when high.</summary>
    public static bool LowIsBad(this Metric metric) => metric is Metric.Validity or Metric.Contact;

    public static bool TryParse(string? code, out Metric metric)
    {
        switch (code)
        {
            case "validity": metric = Metric.Validity; return true;
            case "duplicate": metric = Metric.Duplicate; return true;
            case "contact": metric = Metric.Contact; return true;
            case "return": metric = Metric.Return; return true;
            default: metric = default; return false;
        }
    }
}
