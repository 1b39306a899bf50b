namespace QualityStream.Core.Events;

/// <summary>
/// Where a feedback event came from, kept with feedback held for its lead so that, if the lead never comes, the original
/// message can still be dead-lettered — after a restart too, since held feedback is part of a task's checkpoint.
/// </summary>
public sealed record FeedbackSource(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value);
