using System.Diagnostics;
using QualityStream.Core.Engine;

namespace QualityStream.Harness.Memory;

/// <summary>
/// An engine's state as a task's checkpoint carries it (<see cref="QualityEngine.WriteState"/>): its size, the time to
/// write it to memory, and the time to rebuild an engine from it (<see cref="QualityEngine.ReadState"/>), which is what
/// a restore does before it replays.
/// </summary>
public readonly record struct CheckpointSample(long Bytes, TimeSpan Write, TimeSpan Read)
{
    /// <summary>Writes and reads back a small engine first, so the timed calls run compiled code as a worker's would after its first task.</summary>
    public static void WarmUp(DateTimeOffset end, TimeProvider time)
    {
        var small = new QualityEngine(new QualityEngineOptions(), time);
        _ = LeadFeed.Apply(small, 20_000, TimeSpan.FromDays(1), end, fingerprints: true);
        _ = Take(small, time);
    }

    /// <exception cref="InvalidOperationException">The engine read back does not hold the leads and cells written.</exception>
    public static CheckpointSample Take(QualityEngine engine, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(engine);
        // Grown as the worker's checkpoint stream is, not pre-sized: the copies it makes are part of the cost.
        using var stream = new MemoryStream();
        var started = Stopwatch.GetTimestamp();
        engine.WriteState(stream);
        var write = Stopwatch.GetElapsedTime(started);
        stream.Position = 0;
        started = Stopwatch.GetTimestamp();
        var restored = QualityEngine.ReadState(stream, new QualityEngineOptions(), time, engine.Stream);
        var read = Stopwatch.GetElapsedTime(started);
        if (restored.TrackedLeads != engine.TrackedLeads || restored.CellCount != engine.CellCount)
        {
            throw new InvalidOperationException($"the engine read back holds {restored.TrackedLeads} leads in {restored.CellCount} cells; " +
                $"{engine.TrackedLeads} in {engine.CellCount} were written");
        }

        return new CheckpointSample(stream.Length, write, read);
    }
}
