using System.Text.Json.Serialization;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Serialization;

/// <summary>
/// Source-generated JSON for every output of docs/contract.md §4, §5, §7 and §8: camelCase names, nulls written
/// (<c>"rate": null</c> is part of the contract), timestamps in UTC with <c>Z</c>. No reflection, so AOT-safe.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(QualityStateChanged))]
[JsonSerializable(typeof(QualitySnapshot))]
[JsonSerializable(typeof(RateUpdate))]
[JsonSerializable(typeof(RateUpdate[]))]
[JsonSerializable(typeof(BuyerNotice))]
[JsonSerializable(typeof(Threshold))]
[JsonSerializable(typeof(ThresholdLevels))]
[JsonSerializable(typeof(ConfidenceInterval))]
[JsonSerializable(typeof(BuyerHealth))]
[JsonSerializable(typeof(CellSnapshot))]
[JsonSerializable(typeof(MetricSnapshot))]
[JsonSerializable(typeof(IncidentSnapshot))]
[JsonSerializable(typeof(ReturnBreakdown))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, MetricSnapshot>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
public sealed partial class QualityJsonContext : JsonSerializerContext;
