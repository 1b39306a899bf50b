namespace QualityStream.Core.Events;

public enum FeedbackType : byte
{
    ContactAttempt,
    Return,
    Conversion,
}
