using QualityStream.Core.Decoding;
using QualityStream.Core.Events;

namespace QualityStream.Core.Tests.Decoding;

public class DeliveryRejectionTests
{
    private readonly EventDecoder _decoder = Samples.Decoder();

    private string Rejected(byte[] json, RejectionReason reason)
    {
        var result = _decoder.DecodeDelivery(json);
        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
        return result.Detail!;
    }

    [Fact]
    public void DecodeDelivery_OverSixtyFourKiB_IsTooLargeBeforeAnythingElse() =>
        Assert.Equal(
            "event is 65537 bytes; the limit is 65536 (64 KiB)",
            Rejected(new byte[EventDecoder.MaxEventBytes + 1], RejectionReason.TooLarge));

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"eventId\": \"d-1\"")]
    [InlineData("{} {}")]
    [InlineData("{}x")]
    [InlineData("{\"a\": 1,}")]
    public void DecodeDelivery_NotJsonOrTrailingGarbage_IsMalformed(string json) =>
        Assert.StartsWith("not JSON: ", Rejected(Samples.Utf8(json), RejectionReason.MalformedJson), StringComparison.Ordinal);

    [Fact]
    public void DecodeDelivery_EmptyInput_IsMalformed() =>
        Assert.StartsWith("not JSON", Rejected([], RejectionReason.MalformedJson), StringComparison.Ordinal);

    [Theory]
    [InlineData("[1, 2]", "an array")]
    [InlineData("\"text\"", "a string")]
    [InlineData("42", "a number")]
    public void DecodeDelivery_TopLevelNotAnObject_IsMalformed(string json, string got) =>
        Assert.Equal($"expected a JSON object at the top level, got {got}", Rejected(Samples.Utf8(json), RejectionReason.MalformedJson));

    [Fact]
    public void DecodeDelivery_SyntaxErrorAfterSchemaError_IsMalformed() =>
        Assert.StartsWith(
            "not JSON: ",
            Rejected(Samples.Utf8("{\"eventId\": 5, \"leadId\": }"), RejectionReason.MalformedJson),
            StringComparison.Ordinal);

    [Fact]
    public void DecodeDelivery_InvalidUtf8InIgnoredMember_IsMalformed() =>
        Assert.Equal(
            "not JSON: the input is not valid UTF-8",
            Rejected([.. Samples.Utf8("{\"x\": \""), 0xC3, 0x28, .. Samples.Utf8("\"}")], RejectionReason.MalformedJson));

    [Theory]
    [InlineData("acme-auto")]
    [InlineData("auto_insurance")]
    [InlineData("2026-11-23T08:15:02.120Z")]
    [InlineData("Ana")]
    public void DecodeDelivery_LoneSurrogateEscapeInAnyString_IsMalformed(string value) =>
        Assert.StartsWith(
            "not JSON: ",
            Rejected(Samples.Utf8(Samples.Delivery.Replace($"\"{value}\"", "\"a\\ud800b\"", StringComparison.Ordinal)), RejectionReason.MalformedJson),
            StringComparison.Ordinal);

    [Theory]
    [InlineData("eventId")]
    [InlineData("leadId")]
    [InlineData("buyerId")]
    [InlineData("sourceId")]
    [InlineData("deliveredAt")]
    [InlineData("consumer")]
    public void DecodeDelivery_MissingRequiredField_IsSchemaNamingTheField(string field) =>
        Assert.Equal($"{field}: missing required field", Rejected(Samples.With(Samples.Delivery, field, null), RejectionReason.Schema));

    [Theory]
    [InlineData("eventId", "5", "eventId: expected a string, got a number")]
    [InlineData("buyerId", "null", "buyerId: expected a string, got null")]
    [InlineData("deliveredAt", "1700000000", "deliveredAt: expected an RFC 3339 timestamp string, got a number")]
    [InlineData("price", "\"42.5\"", "price: expected a number, got a string")]
    [InlineData("vertical", "[]", "vertical: expected a string, got an array")]
    [InlineData("consumer.phone", "15125550143", "consumer.phone: expected a string, got a number")]
    [InlineData("consumer.country", "{}", "consumer.country: expected a string, got an object")]
    public void DecodeDelivery_WrongJsonType_IsSchemaNamingTheField(string field, string json, string detail) =>
        Assert.Equal(detail, Rejected(Samples.With(Samples.Delivery, field, json), RejectionReason.Schema));

    [Theory]
    [InlineData("\"Ana Diaz\"", "a string")]
    [InlineData("[]", "an array")]
    [InlineData("null", "null")]
    public void DecodeDelivery_ConsumerNotAnObject_IsSchema(string json, string got) =>
        Assert.Equal($"consumer: expected an object, got {got}", Rejected(Samples.With(Samples.Delivery, "consumer", json), RejectionReason.Schema));

    [Fact]
    public void DecodeDelivery_NegativePrice_IsSchemaNamingTheField() =>
        Assert.Equal("price: -0.01 is negative; a price must be ≥ 0", Rejected(Samples.With(Samples.Delivery, "price", "-0.01"), RejectionReason.Schema));

    [Fact]
    public void DecodeDelivery_PriceBeyondDecimalRange_IsSchema() =>
        Assert.StartsWith("price: 1e400", Rejected(Samples.With(Samples.Delivery, "price", "1e400"), RejectionReason.Schema), StringComparison.Ordinal);

    [Theory]
    [InlineData("2026-11-23T08:15:02")]
    [InlineData("2026-11-23T08:15:02.120")]
    [InlineData("2026-11-23 08:15:02Z")]
    [InlineData("2026-11-23")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-11-23T24:00:00Z")]
    [InlineData("2026-11-23T08:15:60Z")]
    [InlineData("2026-11-23T08:15:02.Z")]
    [InlineData("2026-11-23T08:15:02+0200")]
    [InlineData("2026-11-23T08:15:02+24:00")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 08:15:02 GMT")]
    public void DecodeDelivery_TimestampNotRfc3339WithOffset_IsSchemaNamingTheField(string value) =>
        Assert.Equal(
            $"deliveredAt: '{value}' is not an RFC 3339 timestamp with an offset or Z (e.g. 2026-11-23T08:15:02.120Z)",
            Rejected(Samples.With(Samples.Delivery, "deliveredAt", $"\"{value}\""), RejectionReason.Schema));

    [Theory]
    [InlineData("eventId")]
    [InlineData("leadId")]
    [InlineData("buyerId")]
    [InlineData("sourceId")]
    public void DecodeDelivery_IdWithSpace_IsInvalidIdNamingTheField(string field) =>
        Assert.Equal(
            $"{field}: 'acme auto' must be 1-64 characters of [A-Za-z0-9._-]",
            Rejected(Samples.With(Samples.Delivery, field, "\"acme auto\""), RejectionReason.InvalidId));

    [Theory]
    [InlineData("")]
    [InlineData("acme/auto")]
    [InlineData("acmé")]
    [InlineData("buyer:1")]
    public void DecodeDelivery_IdOutsideAlphabet_IsInvalidId(string id) =>
        Assert.StartsWith("buyerId: ", Rejected(Samples.With(Samples.Delivery, "buyerId", $"\"{id}\""), RejectionReason.InvalidId), StringComparison.Ordinal);

    [Fact]
    public void DecodeDelivery_IdOf65Characters_IsInvalidIdButSixtyFourPass()
    {
        Assert.True(_decoder.DecodeDelivery(Samples.With(Samples.Delivery, "leadId", $"\"{new string('x', 64)}\"")).IsSuccess);
        Assert.StartsWith(
            "leadId: 'xxx",
            Rejected(Samples.With(Samples.Delivery, "leadId", $"\"{new string('x', 65)}\""), RejectionReason.InvalidId),
            StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeDelivery_SchemaErrorAfterInvalidId_ReportsSchema()
    {
        var json = Samples.With(Samples.Delivery, "eventId", "\"bad id\"");
        json = Samples.With(System.Text.Encoding.UTF8.GetString(json), "price", "-1");

        Assert.StartsWith("price: ", Rejected(json, RejectionReason.Schema), StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeDelivery_ThreeHoursAhead_IsFutureTimestampWithDistanceAndLimit() =>
        Assert.Equal(
            "deliveredAt: 2026-11-24T12:00:00Z is 3h00m in the future (limit 5m)",
            Rejected(Samples.With(Samples.Delivery, "deliveredAt", "\"2026-11-24T14:00:00+02:00\""), RejectionReason.FutureTimestamp));

    [Fact]
    public void DecodeDelivery_JustPastFutureSkew_IsFutureTimestamp() =>
        Assert.Equal(
            "deliveredAt: 2026-11-24T09:05:00.001Z is 5m00.001s in the future (limit 5m)",
            Rejected(Samples.With(Samples.Delivery, "deliveredAt", "\"2026-11-24T09:05:00.001Z\""), RejectionReason.FutureTimestamp));

    [Fact]
    public void DecodeDelivery_CustomSkew_IsApplied()
    {
        var result = Samples.Decoder(TimeSpan.FromSeconds(30)).DecodeDelivery(Samples.With(Samples.Delivery, "deliveredAt", "\"2026-11-24T09:01:00Z\""));

        Assert.Equal(RejectionReason.FutureTimestamp, result.Reason);
        Assert.Equal("deliveredAt: 2026-11-24T09:01:00Z is 1m in the future (limit 30s)", result.Detail);
    }
}
