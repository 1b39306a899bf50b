namespace QualityStream.Core.Engine;

/// <summary>Alerting state of a cell × metric on its threshold's window.</summary>
public enum MetricStatus : byte
{
    Ok,
    Warning,
    Breach,
}

public static class MetricStatuses
{
    public static string Code(this MetricStatus status) => status switch
    {
        MetricStatus.Ok => "ok",
        MetricStatus.Warning => "warning",
        _ => "breach",
    };
}
