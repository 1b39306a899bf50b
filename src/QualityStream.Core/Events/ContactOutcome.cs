namespace QualityStream.Core.Events;

public enum ContactOutcome : byte
{
    Contacted,
    NoAnswer,
    Voicemail,
    WrongNumber,
    Disconnected,
}
