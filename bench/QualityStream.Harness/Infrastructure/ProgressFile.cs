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
