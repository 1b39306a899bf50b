using QualityStream.Core.Decoding;
using QualityStream.Core.Events;

namespace QualityStream.Core.Tests.Decoding;

public class FeedbackRejectionTests
{
    private readonly EventDecoder _decoder = Samples.Decoder();

    private string Rejected(byte[] json, RejectionReason reason)
    {
        var result = _decoder.DecodeFeedback(json);
        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
        return result.Detail!;
    }

    [Fact]
    public void DecodeFeedback_OverSixtyFourKiB_IsTooLarge() =>
        Assert.Equal("event is 70000 bytes; the limit is 65536 (64 KiB)", Rejected(new byte[70_000], RejectionReason.TooLarge));

    [Fact]
    public void DecodeFeedback_TrailingGarbage_IsMalformed() =>
        Assert.StartsWith("not JSON: ", Rejected(Samples.Utf8(Samples.Conversion + "]"), RejectionReason.MalformedJson), StringComparison.Ordinal);

    [Fact]
    public void DecodeFeedback_TopLevelArray_IsMalformed() =>
        Assert.Equal(
            "expected a JSON object at the top level, got an array",
            Rejected(Samples.Utf8($"[{Samples.Conversion}]"), RejectionReason.MalformedJson));

    [Theory]
    [InlineData("eventId")]
    [InlineData("leadId")]
    [InlineData("buyerId")]
    [InlineData("type")]
    [InlineData("occurredAt")]
    public void DecodeFeedback_MissingRequiredField_IsSchemaNamingTheField(string field) =>
        Assert.Equal($"{field}: missing required field", Rejected(Samples.With(Samples.Conversion, field, null), RejectionReason.Schema));

    [Fact]
    public void DecodeFeedback_UnknownType_IsSchemaListingTheTypes() =>
        Assert.Equal(
            "type: 'click' is not one of contact_attempt, return, conversion",
            Rejected(Samples.With(Samples.Conversion, "type", "\"click\""), RejectionReason.Schema));

    [Fact]
    public void DecodeFeedback_NullType_IsSchema() =>
        Assert.Equal("type: expected a string, got null", Rejected(Samples.With(Samples.Conversion, "type", "null"), RejectionReason.Schema));

    [Fact]
    public void DecodeFeedback_UnknownOutcome_IsSchemaListingTheOutcomes() =>
        Assert.Equal(
            "outcome: 'busy' is not one of contacted, no_answer, voicemail, wrong_number, disconnected",
            Rejected(Samples.With(Samples.ContactAttempt, "outcome", "\"busy\""), RejectionReason.Schema));

    [Fact]
    public void DecodeFeedback_ContactAttemptWithoutOutcome_IsSchema() =>
        Assert.Equal(
            "outcome: missing required field for type contact_attempt",
            Rejected(Samples.With(Samples.ContactAttempt, "outcome", null), RejectionReason.Schema));

    [Fact]
    public void DecodeFeedback_ReturnWithoutReason_IsSchema() =>
        Assert.Equal("reason: missing required field for type return", Rejected(Samples.With(Samples.Return, "reason", null), RejectionReason.Schema));

    [Fact]
    public void DecodeFeedback_NumericReason_IsSchema() =>
        Assert.Equal("reason: expected a string, got a number", Rejected(Samples.With(Samples.Return, "reason", "3"), RejectionReason.Schema));

    [Fact]
    public void DecodeFeedback_TimestampWithoutOffset_IsSchema() =>
        Assert.StartsWith(
            "occurredAt: '2026-11-23T08:16:40' is not an RFC 3339 timestamp",
            Rejected(Samples.With(Samples.Conversion, "occurredAt", "\"2026-11-23T08:16:40\""), RejectionReason.Schema),
            StringComparison.Ordinal);

    [Theory]
    [InlineData("eventId")]
    [InlineData("leadId")]
    [InlineData("buyerId")]
    public void DecodeFeedback_IdWithSpace_IsInvalidIdNamingTheField(string field) =>
        Assert.Equal(
            $"{field}: 'acme auto' must be 1-64 characters of [A-Za-z0-9._-]",
            Rejected(Samples.With(Samples.Conversion, field, "\"acme auto\""), RejectionReason.InvalidId));

    [Fact]
    public void DecodeFeedback_ThreeHoursAhead_IsFutureTimestamp() =>
        Assert.Equal(
            "occurredAt: 2026-11-24T12:00:00Z is 3h00m in the future (limit 5m)",
            Rejected(Samples.With(Samples.Conversion, "occurredAt", "\"2026-11-24T12:00:00Z\""), RejectionReason.FutureTimestamp));
}
