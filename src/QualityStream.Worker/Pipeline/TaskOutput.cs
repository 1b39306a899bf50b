using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;

namespace QualityStream.Worker.Pipeline;

/// <summary>
/// A state change or a notice as a task sends it: with its stream and the input position it was made at, which the
/// Kafka outputs write as headers so that a restored task can read back what it sent (<see cref="ReplayedOutputs"/>).
/// </summary>
public sealed record TaskOutput(string Stream, InputPosition Position, QualityStateChanged? Change, BuyerNotice? Notice);
