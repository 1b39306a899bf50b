using System.ComponentModel.DataAnnotations;

namespace QualityStream.Worker.Checkpoints;

/// <summary>Settings of the tasks' checkpoints (section <c>Checkpoints</c>).</summary>
public sealed class CheckpointOptions
{
    public const string SectionName = "Checkpoints";

    /// <summary>
    /// How often each task's state is written, with the offsets it reflects. Offsets are committed only once a
    /// checkpoint covering them is written, so consumer lag trails by up to this long; a restore replays at most this
    /// much input.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Checkpoints:IntervalSeconds must be between 1 and 3600")]
    public int IntervalSeconds { get; init; } = 30;
}
