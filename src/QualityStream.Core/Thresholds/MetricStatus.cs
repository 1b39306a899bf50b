using System.Text.Json.Serialization;

namespace QualityStream.Core.Thresholds;

/// <summary>Alerting state of a cell × metric on its threshold's window; in JSON by its contract code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetricStatus>))]
public enum MetricStatus : byte
{
    [JsonStringEnumMemberName("ok")]
    Ok,
    [JsonStringEnumMemberName("warning")]
    Warning,
    [JsonStringEnumMemberName("breach")]
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
