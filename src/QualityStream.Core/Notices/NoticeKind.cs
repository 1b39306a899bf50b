using System.Text.Json.Serialization;

namespace QualityStream.Core.Notices;

/// <summary>Why a buyer is told: an incident reached breach, or it closed; in JSON by its contract code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeKind>))]
public enum NoticeKind : byte
{
    [JsonStringEnumMemberName("breach")]
    Breach,
    [JsonStringEnumMemberName("recovered")]
    Recovered,
}
