namespace QualityStream.Worker.Checkpoints;

/// <summary>Where one outputs topic partition stood when a checkpoint was written: the offset of its next record.</summary>
public sealed record OutputMark(string Topic, int Partition, long Offset);
