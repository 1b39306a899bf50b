using QualityStream.Core.Decoding;
using QualityStream.Core.Events;

namespace QualityStream.Core.Tests.Decoding;

public class FeedbackDecodingTests
{
    private readonly EventDecoder _decoder = Samples.Decoder();

    private BuyerFeedback Decoded(byte[] json)
    {
        var result = _decoder.DecodeFeedback(json);
        Assert.True(result.IsSuccess, result.Detail);
        return result.Event!;
    }

    [Fact]
    public void DecodeFeedback_ContactAttempt_ReadsOutcome() =>
        Assert.Equal(
            new BuyerFeedback("f-000456", "L-98765", "acme-auto", FeedbackType.ContactAttempt,
                new DateTimeOffset(2026, 11, 23, 8, 16, 40, TimeSpan.Zero), ContactOutcome.Contacted),
            Decoded(Samples.Utf8(Samples.ContactAttempt)));

    [Fact]
    public void DecodeFeedback_Return_ReadsReasonAndNormalisesToUtc() =>
        Assert.Equal(
            new BuyerFeedback("f-000457", "L-98765", "acme-auto", FeedbackType.Return,
                new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), Reason: ReturnReason.InvalidPhone),
            Decoded(Samples.Utf8(Samples.Return)));

    [Fact]
    public void DecodeFeedback_Conversion_HasNeitherOutcomeNorReason() =>
        Assert.Equal(
            new BuyerFeedback("f-000458", "L-98765", "acme-auto", FeedbackType.Conversion,
                new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)),
            Decoded(Samples.Utf8(Samples.Conversion)));

    [Theory]
    [InlineData("contacted", ContactOutcome.Contacted)]
    [InlineData("no_answer", ContactOutcome.NoAnswer)]
    [InlineData("voicemail", ContactOutcome.Voicemail)]
    [InlineData("wrong_number", ContactOutcome.WrongNumber)]
    [InlineData("disconnected", ContactOutcome.Disconnected)]
    public void DecodeFeedback_EachContractOutcome_MapsToItsValue(string wire, ContactOutcome outcome) =>
        Assert.Equal(outcome, Decoded(Samples.With(Samples.ContactAttempt, "outcome", $"\"{wire}\"")).Outcome);

    [Theory]
    [InlineData(ReturnReason.InvalidPhone)]
    [InlineData(ReturnReason.InvalidEmail)]
    [InlineData(ReturnReason.Duplicate)]
    [InlineData(ReturnReason.FilterMismatch)]
    [InlineData(ReturnReason.GeographicError)]
    [InlineData(ReturnReason.NoContact)]
    [InlineData(ReturnReason.NotConverted)]
    [InlineData(ReturnReason.ConsumerMisrepresented)]
    [InlineData(ReturnReason.ChangedCircumstances)]
    public void DecodeFeedback_EachContractReturnReason_MapsToItsValue(ReturnReason reason) =>
        Assert.Equal(reason, Decoded(Samples.With(Samples.Return, "reason", $"\"{reason.Code()}\"")).Reason);

    [Theory]
    [InlineData("other")]
    [InlineData("customer says no")]
    [InlineData("INVALID_PHONE")]
    [InlineData("")]
    public void DecodeFeedback_AnyOtherReasonString_IsOther(string wire) =>
        Assert.Equal(ReturnReason.Other, Decoded(Samples.With(Samples.Return, "reason", $"\"{wire}\"")).Reason);

    [Fact]
    public void DecodeFeedback_OutcomeOnReturn_IsIgnored() =>
        Assert.Null(Decoded(Samples.With(Samples.Return, "outcome", "\"whatever\"")).Outcome);

    [Fact]
    public void DecodeFeedback_ReasonOnContactAttempt_IsIgnored() =>
        Assert.Null(Decoded(Samples.With(Samples.ContactAttempt, "reason", "\"duplicate\"")).Reason);

    [Fact]
    public void DecodeFeedback_NullOutcomeOnConversion_IsAbsent() =>
        Assert.Null(Decoded(Samples.With(Samples.Conversion, "outcome", "null")).Outcome);

    [Fact]
    public void DecodeFeedback_TypeAfterOutcome_StillReadsOutcome() =>
        Assert.Equal(
            ContactOutcome.Voicemail,
            Decoded(Samples.Utf8("""{"outcome":"voicemail","occurredAt":"2026-11-23T08:16:40Z","type":"contact_attempt","eventId":"f-1","leadId":"L-1","buyerId":"b"}""")).Outcome);

    [Fact]
    public void DecodeFeedback_EscapedNamesAndValues_AreUnescaped() =>
        Assert.Equal(
            ContactOutcome.NoAnswer,
            Decoded(Samples.Utf8(Samples.ContactAttempt
                .Replace("\"outcome\": \"contacted\"", "\"\\u006futcome\": \"no\\u005fanswer\"", StringComparison.Ordinal))).Outcome);
}
