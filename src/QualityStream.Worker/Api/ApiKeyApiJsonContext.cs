using System.Text.Json.Serialization;
using QualityStream.Core.Serialization;

namespace QualityStream.Worker.Api;

/// <summary>Source-generated JSON of the key API; same conventions as the core outputs (camelCase, UTC with Z).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(ApiKeyListing))]
[JsonSerializable(typeof(ApiKeyCreated))]
[JsonSerializable(typeof(ApiKeyProblems))]
[JsonSerializable(typeof(ApiKeyMessage))]
internal sealed partial class ApiKeyApiJsonContext : JsonSerializerContext;
