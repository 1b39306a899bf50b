using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// The worker in a child process of this harness (same binary, scenario <c>worker-child</c>), so that it can be frozen
/// with SIGSTOP while the next chunk is produced and the bare consumer runs, and thawed with SIGCONT to be measured, or
/// killed with SIGKILL to be restored by the next one. Pausing the consume loop in process instead would make it leave
/// and rejoin the consumer group, and the mock broker completes a rejoin only after the session timeout (about 44 s).
/// </summary>
public sealed partial class WorkerChild : IAsyncDisposable
{
    private const int SigCont = 18;
    private const int SigStop = 19;
    private readonly Process _process;
    private readonly ProgressFile _progress;
    private readonly string _progressPath;
    private readonly ConcurrentQueue<ChildLine> _lines = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _killed;

    private WorkerChild(Process process, ProgressFile progress, string progressPath, long startedAt)
    {
        _process = process;
        _progress = progress;
        _progressPath = progressPath;
        StartedAt = startedAt;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public Uri ManagementAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>The Stopwatch timestamp just before the process was started.</summary>
    public long StartedAt { get; }

    /// <summary>The Stopwatch timestamp at which the worker's <c>/readyz</c> first answered 200 (the same clock in both processes).</summary>
    public long ReadyAt { get; private set; }

    /// <summary>Every line the child wrote so far, with when it was read.</summary>
    public IReadOnlyCollection<ChildLine> Lines => _lines;

    public ProgressSample Progress => _progress.Read();

    /// <summary>The worker process's garbage collector so far.</summary>
    public GcStats Gc => _progress.ReadGc();

    /// <summary>Its tasks' positions, if it was started with <see cref="WorkerSettings.PublishPositions"/>.</summary>
    public TaskPositions Positions => _progress.ReadPositions();

    public int ProcessId => _process.Id;

    public static async Task<WorkerChild> StartAsync(string bootstrapServers, string redis, BenchTopics topics, string prefix, WorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(settings);
        var progressPath = Path.Combine(Path.GetTempPath(), $"qs-harness-progress-{Guid.NewGuid():N}");
        var progress = ProgressFile.Open(progressPath);
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WorkerChild).Assembly.Location);
        }

        foreach (var a in new[] { "worker-child", "--kafka", bootstrapServers, "--redis", redis, "--topics", topics.Id,
                     "--partitions", topics.Partitions.ToString(CultureInfo.InvariantCulture), "--prefix", prefix, "--progress", progressPath }
                     .Concat(settings.ToArgs()))
        {
            start.ArgumentList.Add(a);
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("worker child did not start");
        var child = new WorkerChild(process, progress, progressPath, startedAt);
        // One reader for everything the worker writes (its warnings, and its restore lines when asked): a full pipe
        // would block the worker mid-measurement.
        _ = Task.Run(child.ReadOutputAsync);
        var ready = (await child._ready.Task.WaitAsync(TimeSpan.FromSeconds(180))).Split(' ');
        child.BaseAddress = new Uri(ready[0]);
        child.ManagementAddress = new Uri(ready[1]);
        child.ReadyAt = long.Parse(ready[2], CultureInfo.InvariantCulture);
        return child;
    }

    private async Task ReadOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            _lines.Enqueue(new ChildLine(Stopwatch.GetTimestamp(), line));
            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                _ready.TrySetResult(line[6..]);
            }
            else
            {
                Console.WriteLine("worker: " + line);
            }
        }

        _ready.TrySetException(new InvalidOperationException("worker child exited before it was ready"));
    }

    /// <summary>Stops every thread of the worker process (SIGSTOP): no consuming, fetching or ticking until thawed.</summary>
    public void Freeze() => Signal(SigStop);

    public void Thaw() => Signal(SigCont);

    /// <summary>Kills the worker process (SIGKILL): it writes nothing more and leaves its consumer group only when its session times out.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _killed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_killed)
        {
            Thaw();
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        _progress.Dispose();
        File.Delete(_progressPath);
    }

    private void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
