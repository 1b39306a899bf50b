namespace QualityStream.Core.Thresholds;

/// <summary>One broken rule of a threshold value: which field, and why.</summary>
public sealed record ThresholdError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
