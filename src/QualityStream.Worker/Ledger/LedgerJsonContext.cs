using System.Text.Json.Serialization;
using QualityStream.Core.Serialization;

namespace QualityStream.Worker.Ledger;

/// <summary>Source-generated JSON of the ledger, history, trust and review; same conventions as the core outputs.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(StoredIncident))]
[JsonSerializable(typeof(IncidentListing))]
[JsonSerializable(typeof(NoticeListing))]
[JsonSerializable(typeof(TrustListing))]
[JsonSerializable(typeof(HistoryListing))]
[JsonSerializable(typeof(SparklineListing))]
[JsonSerializable(typeof(ReviewReport))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
