namespace QualityStream.Core.Thresholds;

public enum Metric : byte
{
    Validity,
    Duplicate,
    Contact,
    Return,
}
