namespace QualityStream.Core.Events;

/// <summary>Return reasons of the contract; anything unknown maps to <see cref="Other"/>.</summary>
public enum ReturnReason : byte
{
    InvalidPhone,
    InvalidEmail,
    Duplicate,
    FilterMismatch,
    GeographicError,
    NoContact,
    NotConverted,
    ConsumerMisrepresented,
    ChangedCircumstances,
    Other,
}
