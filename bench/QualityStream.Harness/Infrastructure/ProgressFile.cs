using System.IO.MemoryMappedFiles;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// A (monotonic timestamp, events counted) pair shared between the worker child process (writer) and the harness
/// (reader) through a memory-mapped file, guarded by a sequence number so a reader never sees a torn pair.
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

    public void Write(long timestamp, long total)
    {
        var seq = _view.ReadInt64(0);
        _view.Write(0, seq + 1);
        _view.Write(8, timestamp);
        _view.Write(16, total);
        _view.Write(0, seq + 2);
    }

    // The collector's figures, in a second slot with a sequence number of its own (offset 64).
    public void WriteGc(GcStats gc)
    {
        var seq = _view.ReadInt64(64);
        _view.Write(64, seq + 1);
        _view.Write(72, gc.AllocatedBytes);
        _view.Write(80, gc.Collections);
        _view.Write(88, gc.Gen1);
        _view.Write(96, gc.Gen2);
        _view.Write(104, gc.PauseTicks);
        _view.Write(112, gc.Over50Ms);
        _view.Write(120, gc.Over100Ms);
        _view.Write(64, seq + 2);
    }

    public GcStats ReadGc()
    {
        while (true)
        {
            var before = _view.ReadInt64(64);
            var gc = new GcStats(_view.ReadInt64(72), _view.ReadInt64(80), _view.ReadInt64(88), _view.ReadInt64(96), _view.ReadInt64(104),
                _view.ReadInt64(112), _view.ReadInt64(120));
            if ((before & 1) == 0 && _view.ReadInt64(64) == before)
            {
                return gc;
            }

            Thread.SpinWait(20);
        }
    }

    public ProgressSample Read()
    {
        while (true)
        {
            var before = _view.ReadInt64(0);
            var timestamp = _view.ReadInt64(8);
            var total = _view.ReadInt64(16);
            if ((before & 1) == 0 && _view.ReadInt64(0) == before)
            {
                return new ProgressSample(timestamp, total);
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
