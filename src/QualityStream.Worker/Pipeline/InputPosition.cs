using System.Globalization;

namespace QualityStream.Worker.Pipeline;

/// <summary>
/// How far a task had read when it made an output: the offsets of the next delivery and the next feedback of its
/// partition. Written with every output (header <c>qs-input</c>), so a restored task knows until where its replay
/// makes outputs users have already seen.
/// </summary>
public readonly record struct InputPosition(int Partition, long Delivery, long Feedback)
{
    public const string Header = "qs-input";

    /// <summary>Whether this position is at or past <paramref name="other"/> on both sides.</summary>
    public bool Reached(InputPosition other) => Delivery >= other.Delivery && Feedback >= other.Feedback;

    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{Delivery},{Feedback}");

    public static bool TryParse(int partition, string? text, out InputPosition position)
    {
        position = default;
        var comma = text?.IndexOf(',', StringComparison.Ordinal) ?? -1;
        if (comma <= 0
            || !long.TryParse(text.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out var delivery)
            || !long.TryParse(text.AsSpan(comma + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var feedback))
        {
            return false;
        }

        position = new InputPosition(partition, delivery, feedback);
        return true;
    }
}
