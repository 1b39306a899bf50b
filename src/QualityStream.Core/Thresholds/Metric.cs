using System.Text.Json.Serialization;

namespace QualityStream.Core.Thresholds;

/// <summary>The four rates (contract §3); in JSON by their contract codes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Metric>))]
public enum Metric : byte
{
    [JsonStringEnumMemberName("validity")]
    Validity,
    [JsonStringEnumMemberName("duplicate")]
    Duplicate,
    [JsonStringEnumMemberName("contact")]
    Contact,
    [JsonStringEnumMemberName("return")]
    Return,
}
