using System.IO.MemoryMappedFiles;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// A (monotonic timestamp, events counted) pair and the collector's figures, shared between the worker child process
/// (writer) and the harness (reader) through a memory-mapped file, each guarded by a sequence number so a reader never
/// sees a torn set.
/// Stopwatch timestamps are CLOCK_MONOTONIC on Linux, the same clock in both processes.
/// </summary>
public sealed class ProgressFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;

    private ProgressFile(string path)
    {
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.OpenOrCreate, null, 4096, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, 4096);
    }

    public static ProgressFile Open(string path) => new(path);

    // Three slots, each a sequence number and its values: progress at 0, the collector's figures at 64, the tasks'
    // positions at 128.
    private const long ProgressSlot = 0;
    private const long GcSlot = 64;
    private const long PositionsSlot = 128;

    public void Write(long timestamp, long total) => WriteSlot(ProgressSlot, [timestamp, total]);

    public void WriteGc(GcStats gc) =>
        WriteSlot(GcSlot, [gc.AllocatedBytes, gc.Collections, gc.Gen1, gc.Gen2, gc.PauseTicks, gc.Over50Ms, gc.Over100Ms]);

    public void WritePositions(TaskPositions positions) =>
        WriteSlot(PositionsSlot, [positions.Timestamp, positions.Position, positions.Tasks, positions.TrackedLeads]);

    public TaskPositions ReadPositions()
    {
        Span<long> v = stackalloc long[4];
        ReadSlot(PositionsSlot, v);
        return new TaskPositions(v[0], v[1], (int)v[2], v[3]);
    }

    public ProgressSample Read()
    {
        Span<long> v = stackalloc long[2];
        ReadSlot(ProgressSlot, v);
        return new ProgressSample(v[0], v[1]);
    }

    public GcStats ReadGc()
    {
        Span<long> v = stackalloc long[7];
        ReadSlot(GcSlot, v);
        return new GcStats(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    /// <summary>An odd sequence number marks a write in progress; the values follow it, 8 bytes each.</summary>
    private void WriteSlot(long slot, ReadOnlySpan<long> values)
    {
        var seq = _view.ReadInt64(slot);
        _view.Write(slot, seq + 1);
        for (var i = 0; i < values.Length; i++)
        {
            _view.Write(slot + 8 + (8 * i), values[i]);
        }

        _view.Write(slot, seq + 2);
    }

    /// <summary>Rereads until the sequence number was even and unchanged around the values: never a torn set.</summary>
    private void ReadSlot(long slot, Span<long> values)
    {
        while (true)
        {
            var before = _view.ReadInt64(slot);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = _view.ReadInt64(slot + 8 + (8 * i));
            }

            if ((before & 1) == 0 && _view.ReadInt64(slot) == before)
            {
                return;
            }

            Thread.SpinWait(20);
        }
    }

    public void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }
}
