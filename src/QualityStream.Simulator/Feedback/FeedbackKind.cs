namespace QualityStream.Simulator.Feedback;

internal enum FeedbackKind : byte
{
    ContactAttempt,
    Return,
    Conversion,
}
