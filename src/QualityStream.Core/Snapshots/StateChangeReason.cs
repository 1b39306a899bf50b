using System.Text.Json.Serialization;

namespace QualityStream.Core.Snapshots;

/// <summary>What moved a cell's state (docs/contract.md §5); in JSON by its contract code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StateChangeReason>))]
public enum StateChangeReason : byte
{
    /// <summary>The rate moved across a level (or stayed beyond it for the pending time).</summary>
    [JsonStringEnumMemberName("rate")]
    Rate,

    /// <summary>A threshold changed, and the cell was judged again under it.</summary>
    [JsonStringEnumMemberName("threshold")]
    Threshold,

    /// <summary>The threshold's window no longer holds any lead: the incident ends for want of traffic.</summary>
    [JsonStringEnumMemberName("no_traffic")]
    NoTraffic,
}
