using QualityStream.Core.Events;

namespace QualityStream.Core.Decoding;

/// <summary>The contract's spellings of feedback type, contact outcome and return reason, matched on UTF-8.</summary>
internal static class FeedbackEnums
{
    public const string TypeNames = "contact_attempt, return, conversion";
    public const string OutcomeNames = "contacted, no_answer, voicemail, wrong_number, disconnected";

    public static FeedbackType? Type(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("contact_attempt"u8) ? FeedbackType.ContactAttempt
        : value.SequenceEqual("return"u8) ? FeedbackType.Return
        : value.SequenceEqual("conversion"u8) ? FeedbackType.Conversion
        : null;

    public static ContactOutcome? Outcome(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("contacted"u8) ? ContactOutcome.Contacted
        : value.SequenceEqual("no_answer"u8) ? ContactOutcome.NoAnswer
        : value.SequenceEqual("voicemail"u8) ? ContactOutcome.Voicemail
        : value.SequenceEqual("wrong_number"u8) ? ContactOutcome.WrongNumber
        : value.SequenceEqual("disconnected"u8) ? ContactOutcome.Disconnected
        : null;

    /// <summary>Any string is a reason: the contract's nine map to themselves, everything else is <c>other</c>.</summary>
    public static ReturnReason Reason(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("invalid_phone"u8) ? ReturnReason.InvalidPhone
        : value.SequenceEqual("invalid_email"u8) ? ReturnReason.InvalidEmail
        : value.SequenceEqual("duplicate"u8) ? ReturnReason.Duplicate
        : value.SequenceEqual("filter_mismatch"u8) ? ReturnReason.FilterMismatch
        : value.SequenceEqual("geographic_error"u8) ? ReturnReason.GeographicError
        : value.SequenceEqual("no_contact"u8) ? ReturnReason.NoContact
        : value.SequenceEqual("not_converted"u8) ? ReturnReason.NotConverted
        : value.SequenceEqual("consumer_misrepresented"u8) ? ReturnReason.ConsumerMisrepresented
        : value.SequenceEqual("changed_circumstances"u8) ? ReturnReason.ChangedCircumstances
        : ReturnReason.Other;
}
