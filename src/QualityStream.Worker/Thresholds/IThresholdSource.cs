using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Thresholds;

/// <summary>The thresholds in force. <see cref="Changes"/> emits each new valid set (the current one first on subscribe).</summary>
public interface IThresholdSource
{
    ThresholdSet Current { get; }

    IObservable<ThresholdSet> Changes { get; }
}
