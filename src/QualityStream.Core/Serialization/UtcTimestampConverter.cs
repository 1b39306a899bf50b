using System.Text.Json;
using System.Text.Json.Serialization;

namespace QualityStream.Core.Serialization;

/// <summary>
/// Writes timestamps in UTC with a <c>Z</c> suffix, as the contract's examples show (<c>2026-11-23T08:20:00Z</c>);
/// System.Text.Json would write <c>+00:00</c>. Reads any RFC 3339 offset.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime);
    }
}
