using System.Text.Json.Serialization;
using QualityStream.Core.Serialization;
using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Api;

/// <summary>Source-generated JSON of the threshold API; same conventions as the core outputs (camelCase, UTC with Z).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(ThresholdListing))]
[JsonSerializable(typeof(ThresholdProblems))]
[JsonSerializable(typeof(ThresholdMessage))]
[JsonSerializable(typeof(Threshold))]
internal sealed partial class ThresholdApiJsonContext : JsonSerializerContext;
