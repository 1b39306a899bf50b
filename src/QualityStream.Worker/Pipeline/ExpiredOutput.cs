using QualityStream.Core.Engine;

namespace QualityStream.Worker.Pipeline;

/// <summary>Held feedback finally rejected, with the task that held it and where its input stood, for the dead letter.</summary>
public sealed record ExpiredOutput(ExpiredFeedback Expired, string Stream, InputPosition Position);
