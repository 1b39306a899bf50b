using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>
/// The worker in a process of its own (<c>dotnet QualityStream.Worker.dll --Setting=value …</c>), as an orchestrator
/// runs it: killed outright (SIGKILL, nothing runs on the way out, as after an OOM kill) or asked to stop (SIGTERM,
/// as a rolling deploy does). Its public and management ports are its own; what it prints is kept for failure messages.
/// </summary>
internal sealed class WorkerChild : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private StreamWriter? _log;

    private WorkerChild(string name, Process process, int port, int managementPort)
    {
        Name = name;
        _process = process;
        Public = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        Management = new Uri($"http://127.0.0.1:{managementPort.ToString(CultureInfo.InvariantCulture)}");
    }

    public string Name { get; }

    public Uri Public { get; }

    public Uri Management { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a worker with <paramref name="settings"/> on free ports; by default returns once <c>/readyz</c> says ready.</summary>
    public static async Task<WorkerChild> StartAsync(string name, IReadOnlyDictionary<string, string> settings, bool waitUntilReady = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            var child = Launch(name, settings, FreePort.Next(), FreePort.Next());
            try
            {
                if (waitUntilReady)
                {
                    await child.WaitReadyAsync();
                }

                return child;
            }
            catch (Exception) when (attempt < 3 && child.HasExited && child.Output().Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // A port free when it was chosen was taken by another server since: choose again.
                await child.DisposeAsync();
            }
        }
    }

    /// <summary>Waits until <c>/readyz</c> answers 200 (partitions assigned, Redis reachable).</summary>
    public async Task WaitReadyAsync()
    {
        var last = "";
        await Poll.UntilAsync(async () =>
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"worker {Name} exited with code {_process.ExitCode}:\n{Output()}");
            }

            var (ok, body) = await ReadyzAsync();
            last = body;
            return ok;
        }, ReadyTimeout, $"worker {Name} ready", () => $"last /readyz: {last}\n{Output()}", TimeSpan.FromMilliseconds(200));
    }

    public async Task<(bool Ready, string Body)> ReadyzAsync()
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(Public, "/readyz")));
        return (response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The whole snapshot, as the board reads it.</summary>
    public async Task<JsonObject> SnapshotAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Public, "/api/snapshot"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WorkerLane.BoardKey);
        using var response = await SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"worker {Name}: /api/snapshot answered {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task<PrometheusText> MetricsAsync()
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(Management, "/metrics")));
        response.EnsureSuccessStatusCode();
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }

    /// <summary>SIGKILL: the process ends at once, mid-write if it is writing; no handler, no flush, no leave-group.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for the worker to finish its shutdown and exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) } })!;
            await signal.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"worker {Name} did not finish its shutdown within {timeout.TotalSeconds:0} s of SIGTERM:\n{Output()}");
        }
    }

    /// <summary>The last lines the worker printed.</summary>
    public string Output()
    {
        lock (_tail)
        {
            return $"--- worker {Name} (last {_tail.Count} lines) ---\n" + string.Join('\n', _tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_tail)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    /// <summary>A request; one that times out (a worker busy restoring, a loaded machine) fails as one not answered, so polls try again.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            try
            {
                return await Http.SendAsync(request);
            }
            catch (TaskCanceledException e)
            {
                throw new HttpRequestException($"{request.RequestUri} did not answer within {Http.Timeout.TotalSeconds:0} s", e);
            }
        }
    }

    private static WorkerChild Launch(string name, IReadOnlyDictionary<string, string> settings, int port, int managementPort)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "QualityStream.Worker.dll"));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.ArgumentList.Add($"--Http:Port={port.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add($"--Http:ManagementPort={managementPort.ToString(CultureInfo.InvariantCulture)}");
        // Nothing from the developer's environment may decide the outcome.
        start.Environment.Remove("Kafka__BootstrapServers");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var child = new WorkerChild(name, Process.Start(start)!, port, managementPort);
        // For a failure the tail cannot explain: QS_TEST_LOG_DIR keeps everything each worker printed, one file a worker.
        if (Environment.GetEnvironmentVariable("QS_TEST_LOG_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            child._log = new StreamWriter(Path.Combine(dir, $"{name}-{Environment.ProcessId}-{port}.log"));
        }

        child._process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            _log?.WriteLine(line);
            while (_tail.Count > 60)
            {
                _tail.Dequeue();
            }
        }
    }
}
