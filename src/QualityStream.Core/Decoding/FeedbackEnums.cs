using System.Text.Json;
using QualityStream.Core.Events;

namespace QualityStream.Core.Decoding;

/// <summary>The contract's spellings of feedback type, contact outcome and return reason, matched on UTF-8.</summary>
internal static class FeedbackEnums
{
    public const string TypeNames = "contact_attempt, return, conversion";
    public const string OutcomeNames = "contacted, no_answer, voicemail, wrong_number, disconnected";

    public static FeedbackType? Type(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("contact_attempt"u8) ? FeedbackType.ContactAttempt
        : reader.ValueTextEquals("return"u8) ? FeedbackType.Return
        : reader.ValueTextEquals("conversion"u8) ? FeedbackType.Conversion
        : null;

    public static ContactOutcome? Outcome(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("contacted"u8) ? ContactOutcome.Contacted
        : reader.ValueTextEquals("no_answer"u8) ? ContactOutcome.NoAnswer
        : reader.ValueTextEquals("voicemail"u8) ? ContactOutcome.Voicemail
        : reader.ValueTextEquals("wrong_number"u8) ? ContactOutcome.WrongNumber
        : reader.ValueTextEquals("disconnected"u8) ? ContactOutcome.Disconnected
        : null;

    /// <summary>Any string is a reason: the contract's nine map to themselves, everything else is <c>other</c>.</summary>
    public static ReturnReason Reason(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("invalid_phone"u8) ? ReturnReason.InvalidPhone
        : reader.ValueTextEquals("invalid_email"u8) ? ReturnReason.InvalidEmail
        : reader.ValueTextEquals("duplicate"u8) ? ReturnReason.Duplicate
        : reader.ValueTextEquals("filter_mismatch"u8) ? ReturnReason.FilterMismatch
        : reader.ValueTextEquals("geographic_error"u8) ? ReturnReason.GeographicError
        : reader.ValueTextEquals("no_contact"u8) ? ReturnReason.NoContact
        : reader.ValueTextEquals("not_converted"u8) ? ReturnReason.NotConverted
        : reader.ValueTextEquals("consumer_misrepresented"u8) ? ReturnReason.ConsumerMisrepresented
        : reader.ValueTextEquals("changed_circumstances"u8) ? ReturnReason.ChangedCircumstances
        : ReturnReason.Other;
}
