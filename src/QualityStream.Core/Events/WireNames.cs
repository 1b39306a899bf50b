
namespace QualityStream.Core.Events;

/// <summary>The contract's spellings of enum values, in one place for decoder, outputs and tests.</summary>
public static class WireNames
{
    public static string Code(this RejectionReason reason) => reason switch
    {
        RejectionReason.MalformedJson => "malformed_json",
        RejectionReason.Schema => "schema",
        RejectionReason.InvalidId => "invalid_id",
        RejectionReason.FutureTimestamp => "future_timestamp",
        RejectionReason.TooLarge => "too_large",
        RejectionReason.BuyerMismatch => "buyer_mismatch",
        RejectionReason.Orphan => "orphan",
        RejectionReason.Late => "late",
        RejectionReason.EventIdReused => "event_id_reused",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static string Code(this ReturnReason reason) => reason switch
    {
        ReturnReason.InvalidPhone => "invalid_phone",
        ReturnReason.InvalidEmail => "invalid_email",
        ReturnReason.Duplicate => "duplicate",
        ReturnReason.FilterMismatch => "filter_mismatch",
        ReturnReason.GeographicError => "geographic_error",
        ReturnReason.NoContact => "no_contact",
        ReturnReason.NotConverted => "not_converted",
        ReturnReason.ConsumerMisrepresented => "consumer_misrepresented",
        ReturnReason.ChangedCircumstances => "changed_circumstances",
        _ => "other",
    };

    public static ReturnPolicyClass PolicyClass(this ReturnReason reason) => reason switch
    {
        ReturnReason.InvalidPhone or ReturnReason.InvalidEmail or ReturnReason.Duplicate
            or ReturnReason.FilterMismatch or ReturnReason.GeographicError => ReturnPolicyClass.Accepted,
        ReturnReason.NoContact or ReturnReason.NotConverted or ReturnReason.ConsumerMisrepresented
            or ReturnReason.ChangedCircumstances => ReturnPolicyClass.Rejectable,
        _ => ReturnPolicyClass.Other,
    };

    public static string Code(this ReturnPolicyClass policy) => policy switch
    {
        ReturnPolicyClass.Accepted => "accepted",
        ReturnPolicyClass.Rejectable => "rejectable",
        _ => "other",
    };

    public static string Code(this ContactOutcome outcome) => outcome switch
    {
        ContactOutcome.Contacted => "contacted",
        ContactOutcome.NoAnswer => "no_answer",
        ContactOutcome.Voicemail => "voicemail",
        ContactOutcome.WrongNumber => "wrong_number",
        _ => "disconnected",
    };
}
