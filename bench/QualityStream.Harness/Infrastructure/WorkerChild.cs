using System.Diagnostics;
using System.Runtime.InteropServices;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// The worker in a child process of this harness (same binary, scenario <c>worker-child</c>), so that it can be frozen
/// with SIGSTOP while the next chunk is produced and the bare consumer runs, and thawed with SIGCONT to be measured.
/// Pausing the consume loop in process instead would make it leave and rejoin the consumer group, and the mock broker
/// completes a rejoin only after the session timeout (about 44 s).
/// </summary>
public sealed partial class WorkerChild : IAsyncDisposable
{
    private const int SigCont = 18;
    private const int SigStop = 19;
    private readonly Process _process;
    private readonly ProgressFile _progress;
    private readonly string _progressPath;

    private WorkerChild(Process process, ProgressFile progress, string progressPath, Uri baseAddress, Uri managementAddress)
    {
        _process = process;
        _progress = progress;
        _progressPath = progressPath;
        BaseAddress = baseAddress;
        ManagementAddress = managementAddress;
    }

    public Uri BaseAddress { get; }

    public Uri ManagementAddress { get; }

    public ProgressSample Progress => _progress.Read();

    /// <summary>The worker process's garbage collector so far.</summary>
    public GcStats Gc => _progress.ReadGc();

    public int ProcessId => _process.Id;

    public static async Task<WorkerChild> StartAsync(string bootstrapServers, string redis, BenchTopics topics, string prefix, int expectedLeadsPerDay)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var progressPath = Path.Combine(Path.GetTempPath(), $"qs-harness-progress-{Guid.NewGuid():N}");
        var progress = ProgressFile.Open(progressPath);
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WorkerChild).Assembly.Location);
        }

        foreach (var a in new[] { "worker-child", "--kafka", bootstrapServers, "--redis", redis, "--topics", topics.Id,
                     "--partitions", topics.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--prefix", prefix, "--progress", progressPath,
                     "--expected-leads-per-day", expectedLeadsPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("worker child did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                // Keep reading what the worker writes (its warnings): a full pipe would block the worker mid-measurement.
                _ = Task.Run(async () =>
                {
                    while (await process.StandardOutput.ReadLineAsync() is { } more)
                    {
                        Console.WriteLine("worker: " + more);
                    }
                });
                var addresses = line[6..].Split(' ');
                return new WorkerChild(process, progress, progressPath, new Uri(addresses[0]), new Uri(addresses[1]));
            }

            Console.WriteLine("worker: " + line);
        }

        throw new InvalidOperationException($"worker child exited ({process.ExitCode}) before it was ready");
    }

    /// <summary>Stops every thread of the worker process (SIGSTOP): no consuming, fetching or ticking until thawed.</summary>
    public void Freeze() => Signal(SigStop);

    public void Thaw() => Signal(SigCont);

    public async ValueTask DisposeAsync()
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
