namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>One record of an output topic: where it is, its key, its value and its headers (UTF-8; the last of a repeated name).</summary>
internal sealed record TopicRecord(int Partition, long Offset, string? Key, string Value, IReadOnlyDictionary<string, string> Headers);
