namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// Where a worker's tasks stand, as its child process last published it: the sum over its tasks of the offsets of the
/// next delivery and the next feedback to apply (it equals the sum of the input partitions' ends once every task has
/// applied everything), how many tasks it holds, and the leads they track. <see cref="Timestamp"/>: Stopwatch.
/// </summary>
public readonly record struct TaskPositions(long Timestamp, long Position, int Tasks, long TrackedLeads);
