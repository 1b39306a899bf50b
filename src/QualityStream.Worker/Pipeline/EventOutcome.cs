namespace QualityStream.Worker.Pipeline;

/// <summary>What became of one consumed message.</summary>
public enum EventOutcome : byte
{
    Applied,

    /// <summary>Seen before: no effect.</summary>
    DuplicateEvent,

    /// <summary>Feedback held until its lead arrives (or the grace period ends); counted when it is settled.</summary>
    Held,

    /// <summary>Dead-lettered with its reason.</summary>
    Rejected,
}
