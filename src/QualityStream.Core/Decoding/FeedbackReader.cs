using System.Text.Json;
using QualityStream.Core.Events;

namespace QualityStream.Core.Decoding;

/// <summary>
/// Reads the members of a BuyerFeedback object (the reader stands on its StartObject).
/// <c>outcome</c> matters only for contact attempts and <c>reason</c> only for returns; elsewhere their
/// values are ignored (a wrong JSON type is still a schema error), since members may come in any order.
/// </summary>
internal static class FeedbackReader
{
    public static BuyerFeedback? Read(ref Utf8JsonReader reader, ref DecodeErrors errors)
    {
        string? eventId = null, leadId = null, buyerId = null, unknownType = null, unknownOutcome = null;
        FeedbackType? type = null;
        DateTimeOffset? occurredAt = null;
        ContactOutcome? outcome = null;
        ReturnReason? reason = null;
        bool hasType = false, hasOccurredAt = false;

        var scratchBuffer = default(JsonFields.Scratch);
        Span<byte> scratch = scratchBuffer;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonFields.Unescaped(ref reader, scratch);
            if (name.SequenceEqual("eventId"u8))
            {
                reader.Read();
                eventId = JsonFields.Id(ref reader, "eventId", ref errors) ?? "";
            }
            else if (name.SequenceEqual("leadId"u8))
            {
                reader.Read();
                leadId = JsonFields.Id(ref reader, "leadId", ref errors) ?? "";
            }
            else if (name.SequenceEqual("buyerId"u8))
            {
                reader.Read();
                buyerId = JsonFields.Id(ref reader, "buyerId", ref errors) ?? "";
            }
            else if (name.SequenceEqual("type"u8))
            {
                reader.Read();
                hasType = true;
                if (Expect(ref reader, "type", nullIsAbsent: false, ref errors))
                {
                    type = FeedbackEnums.Type(JsonFields.Unescaped(ref reader, scratch));
                    unknownType = type is null ? reader.GetString() : null;
                }
            }
            else if (name.SequenceEqual("occurredAt"u8))
            {
                reader.Read();
                hasOccurredAt = true;
                occurredAt = JsonFields.Timestamp(ref reader, scratch, "occurredAt", ref errors);
            }
            else if (name.SequenceEqual("outcome"u8))
            {
                reader.Read();
                if (Expect(ref reader, "outcome", nullIsAbsent: true, ref errors))
                {
                    outcome = FeedbackEnums.Outcome(JsonFields.Unescaped(ref reader, scratch));
                    unknownOutcome = outcome is null ? reader.GetString() : null;
                }
            }
            else if (name.SequenceEqual("reason"u8))
            {
                reader.Read();
                reason = Expect(ref reader, "reason", nullIsAbsent: true, ref errors) ? FeedbackEnums.Reason(JsonFields.Unescaped(ref reader, scratch)) : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        DeliveryReader.RequirePresent(eventId is not null, "eventId", ref errors);
        DeliveryReader.RequirePresent(leadId is not null, "leadId", ref errors);
        DeliveryReader.RequirePresent(buyerId is not null, "buyerId", ref errors);
        DeliveryReader.RequirePresent(hasType, "type", ref errors);
        DeliveryReader.RequirePresent(hasOccurredAt, "occurredAt", ref errors);
        if (unknownType is not null)
        {
            errors.Add(RejectionReason.Schema, $"type: {DetailText.Quote(unknownType)} is not one of {FeedbackEnums.TypeNames}");
        }

        CheckTypeSpecific(type, outcome, unknownOutcome, reason, ref errors);
        return errors.Any || type is null
            ? null
            : new BuyerFeedback(
                eventId!, leadId!, buyerId!, type.Value, occurredAt!.Value,
                type == FeedbackType.ContactAttempt ? outcome : null,
                type == FeedbackType.Return ? reason : null);
    }

    private static void CheckTypeSpecific(
        FeedbackType? type, ContactOutcome? outcome, string? unknownOutcome, ReturnReason? reason, ref DecodeErrors errors)
    {
        if (type == FeedbackType.ContactAttempt && unknownOutcome is not null)
        {
            errors.Add(RejectionReason.Schema, $"outcome: {DetailText.Quote(unknownOutcome)} is not one of {FeedbackEnums.OutcomeNames}");
        }
        else if (type == FeedbackType.ContactAttempt && outcome is null)
        {
            errors.Add(RejectionReason.Schema, "outcome: missing required field for type contact_attempt");
        }
        else if (type == FeedbackType.Return && reason is null)
        {
            errors.Add(RejectionReason.Schema, "reason: missing required field for type return");
        }
    }

    /// <summary>True when the value is a string; any other type is a schema error, except null where it means absent.</summary>
    private static bool Expect(ref Utf8JsonReader reader, string field, bool nullIsAbsent, ref DecodeErrors errors)
    {
        if (reader.TokenType == JsonTokenType.String || (nullIsAbsent && reader.TokenType == JsonTokenType.Null))
        {
            return reader.TokenType == JsonTokenType.String;
        }

        JsonFields.WrongType(ref reader, field, "a string", ref errors);
        return false;
    }
}
